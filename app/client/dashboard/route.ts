import { clientDashboard } from '@/lib/api/client/endpoints';
import { presentDashboard } from '@/lib/api/client/present';
import { getDashboardCounts } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientDashboard, async ({ session }) => ({
  body: presentDashboard(await getDashboardCounts(session.user.id)),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
