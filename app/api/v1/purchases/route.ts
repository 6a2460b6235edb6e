import { presentPage } from '@/lib/api/v1/envelope';
import { v1Ok } from '@/lib/api/v1/envelope';
import { presentPurchase, v1ListPurchases } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { listPurchases } from '@/lib/payments/purchases';

const handler = route(v1ListPurchases, async ({ session, query }) => {
  const page = await listPurchases(session.user.id, query.page, query.page_size);
  return { body: v1Ok('Purchases', presentPage(page, presentPurchase)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
