import { presentContract, v1Contracts } from '@/lib/api/v1/contracts';
import { presentPage } from '@/lib/api/v1/envelope';
import { v1Ok } from '@/lib/api/v1/envelope';
import { listContracts } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Contracts, async ({ session, query }) => {
  const page = await listContracts({
    userId: session.user.id,
    status: query.status,
    page: query.page,
    pageSize: query.page_size,
  });
  return { body: v1Ok('Contracts', presentPage(page, presentContract)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
