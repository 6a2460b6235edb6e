import { v1ListRoute } from '@/lib/api/v1/list-route';
import { presentInvoice, v1ListInvoices } from '@/lib/api/v1/payments';
import { listInvoices } from '@/lib/payments/billing';

export const { GET, POST, PUT, PATCH, DELETE } = v1ListRoute(
  v1ListInvoices,
  'Invoices',
  ({ userId, page, pageSize }) => listInvoices(userId, page, pageSize),
  presentInvoice,
);
