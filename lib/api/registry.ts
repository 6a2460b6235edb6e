import { clientEndpoints } from './client/endpoints';
import { downloadFileEndpoint } from './files';
import { stripeWebhookEndpoint } from './stripe-webhook';
import { systemEndpoints } from './system';
import { v1AuthEndpoints } from './v1/auth';
import { v1ContractEndpoints } from './v1/contracts';
import { v1DownloadEndpoints } from './v1/downloads';
import { v1PaymentEndpoints } from './v1/payments';
import { v1ProfileEndpoints } from './v1/profile';

/** Every endpoint the portal serves, for the OpenAPI document and the generated test matrices. */
export const allEndpoints = [
  ...v1AuthEndpoints,
  ...v1ProfileEndpoints,
  ...v1ContractEndpoints,
  ...v1PaymentEndpoints,
  ...v1DownloadEndpoints,
  ...clientEndpoints,
  ...systemEndpoints,
  stripeWebhookEndpoint,
  downloadFileEndpoint,
];
