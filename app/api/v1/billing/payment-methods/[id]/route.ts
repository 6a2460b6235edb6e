import { v1Ok } from '@/lib/api/v1/envelope';
import { v1RemovePaymentMethod } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { removePaymentMethod } from '@/lib/payments/billing';

const handler = route(v1RemovePaymentMethod, async ({ session, params }) => {
  await removePaymentMethod(session.user.id, params.id);
  return { body: v1Ok('Payment method removed', { id: params.id, removed: true as const }) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ DELETE: handler });
