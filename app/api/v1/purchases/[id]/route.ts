import { v1Ok } from '@/lib/api/v1/envelope';
import { presentPurchase, v1GetPurchase } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { getPurchase } from '@/lib/payments/purchases';

const handler = route(v1GetPurchase, async ({ session, params }) => ({
  body: v1Ok('Purchase', presentPurchase(await getPurchase(session.user.id, params.id))),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
