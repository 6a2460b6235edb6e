import { clientEndpoints } from './client/endpoints';
import { systemEndpoints } from './system';
import { v1AuthEndpoints } from './v1/auth';
import { v1ContractEndpoints } from './v1/contracts';
import { v1ProfileEndpoints } from './v1/profile';

/** Every endpoint the portal serves, for the OpenAPI document and the generated test matrices. */
export const allEndpoints = [
  ...v1AuthEndpoints,
  ...v1ProfileEndpoints,
  ...v1ContractEndpoints,
  ...clientEndpoints,
  ...systemEndpoints,
];
