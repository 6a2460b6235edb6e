import { v1ServiceTier } from '@/lib/api/v1/contracts';
import { v1Ok } from '@/lib/api/v1/envelope';
import { getContract } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1ServiceTier, async ({ session, params }) => {
  const contract = await getContract({ userId: session.user.id, contractId: params.id });
  return {
    body: v1Ok('Service tier', { tier: contract.tier.name, features: contract.tier.features }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
