import { presentContract, v1Contracts } from '@/lib/api/v1/contracts';
import { v1ListRoute } from '@/lib/api/v1/list-route';
import { listContracts } from '@/lib/contracts/read';

export const { GET, POST, PUT, PATCH, DELETE } = v1ListRoute(
  v1Contracts,
  'Contracts',
  (caller, { query }) => listContracts({ ...caller, status: query.status }),
  presentContract,
);
