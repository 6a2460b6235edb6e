import { v1ListRoute } from '@/lib/api/v1/list-route';
import { presentPurchase, v1ListPurchases } from '@/lib/api/v1/payments';
import { listPurchases } from '@/lib/payments/purchases';

export const { GET, POST, PUT, PATCH, DELETE } = v1ListRoute(
  v1ListPurchases,
  'Purchases',
  ({ userId, page, pageSize }) => listPurchases(userId, page, pageSize),
  presentPurchase,
);
