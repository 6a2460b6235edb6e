import { CLIENT_CONTRACTS_LIMIT, clientContracts } from '@/lib/api/client/endpoints';
import { presentContractSummary } from '@/lib/api/client/present';
import { listContracts } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientContracts, async ({ session }) => {
  const page = await listContracts({
    userId: session.user.id,
    page: 1,
    pageSize: CLIENT_CONTRACTS_LIMIT,
  });
  return {
    body: page.items.map(presentContractSummary),
    headers: { 'X-Total-Count': String(page.total) },
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
