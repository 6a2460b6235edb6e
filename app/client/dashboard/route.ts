import { clientDashboard } from '@/lib/api/client/endpoints';
import { presentDashboard } from '@/lib/api/client/present';
import { getDashboard } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientDashboard, async ({ session }) => ({
  body: presentDashboard(await getDashboard(session.user.id)),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
