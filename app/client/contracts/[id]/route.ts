import { clientContract } from '@/lib/api/client/endpoints';
import { presentContract } from '@/lib/api/client/present';
import { getContract } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientContract, async ({ params, session }) => ({
  body: presentContract(await getContract({ userId: session.user.id, contractId: params.id })),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
