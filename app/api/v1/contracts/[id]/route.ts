import { presentContract, v1Contract } from '@/lib/api/v1/contracts';
import { v1Ok } from '@/lib/api/v1/envelope';
import { getContract } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Contract, async ({ session, params }) => ({
  body: v1Ok(
    'Contract',
    presentContract(await getContract({ userId: session.user.id, contractId: params.id })),
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
