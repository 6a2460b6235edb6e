import { clientServiceTier } from '@/lib/api/client/endpoints';
import { presentServiceTier } from '@/lib/api/client/present';
import { getContract } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientServiceTier, async ({ params, session }) => ({
  body: presentServiceTier(await getContract({ userId: session.user.id, contractId: params.id })),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
