import { presentPage } from '@/lib/api/v1/envelope';
import { v1Ok } from '@/lib/api/v1/envelope';
import { presentInvoice, v1ListInvoices } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { listInvoices } from '@/lib/payments/billing';

const handler = route(v1ListInvoices, async ({ session, query }) => {
  const page = await listInvoices(session.user.id, query.page, query.page_size);
  return { body: v1Ok('Invoices', presentPage(page, presentInvoice)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
