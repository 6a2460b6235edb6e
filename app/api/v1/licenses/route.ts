import { v1Ok } from '@/lib/api/v1/envelope';
import { presentLicense, v1ListLicenses } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { listLicenses } from '@/lib/licenses/licenses';

const handler = route(v1ListLicenses, async ({ session }) => ({
  body: v1Ok('Licenses', (await listLicenses(session.user.id)).map(presentLicense)),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
