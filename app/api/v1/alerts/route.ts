import { presentAlert, v1Alerts } from '@/lib/api/v1/contracts';
import { presentPage } from '@/lib/api/v1/envelope';
import { v1Ok } from '@/lib/api/v1/envelope';
import { listAlerts } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Alerts, async ({ session, query }) => {
  const page = await listAlerts({
    userId: session.user.id,
    status: query.status,
    contractId: query.contract_id,
    page: query.page,
    pageSize: query.page_size,
  });
  return { body: v1Ok('Alerts', presentPage(page, presentAlert)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
