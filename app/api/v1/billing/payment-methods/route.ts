import { v1Ok } from '@/lib/api/v1/envelope';
import {
  presentCheckoutSession,
  presentPaymentMethod,
  v1AddPaymentMethod,
  v1ListPaymentMethods,
} from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { listPaymentMethods } from '@/lib/payments/billing';
import { createSetupSession } from '@/lib/payments/checkout';

const list = route(v1ListPaymentMethods, async ({ session }) => ({
  body: v1Ok(
    'Payment methods',
    (await listPaymentMethods(session.user.id)).map(presentPaymentMethod),
  ),
}));

const add = route(v1AddPaymentMethod, async ({ session, body }) => {
  const setup = await createSetupSession({
    userId: session.user.id,
    successUrl: body?.successUrl,
    cancelUrl: body?.cancelUrl,
  });
  return { status: 201, body: v1Ok('Setup session created', presentCheckoutSession(setup)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: list, POST: add });
