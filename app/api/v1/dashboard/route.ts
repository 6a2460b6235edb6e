import { presentDashboard, v1Dashboard } from '@/lib/api/v1/contracts';
import { v1Ok } from '@/lib/api/v1/envelope';
import { getDashboard } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Dashboard, async ({ session }) => ({
  body: v1Ok('Dashboard', presentDashboard(await getDashboard(session.user.id))),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
