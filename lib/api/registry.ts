import { clientEndpoints } from './client/endpoints';
import { downloadFileEndpoint } from './files';
import { inboundEmailEndpoint } from './inbound';
import { stripeWebhookEndpoint } from './stripe-webhook';
import { systemEndpoints } from './system';
import { v1AuthEndpoints } from './v1/auth';
import { v1ContractEndpoints } from './v1/contracts';
import { v1DownloadEndpoints } from './v1/downloads';
import { v1PaymentEndpoints } from './v1/payments';
import { v1ProfileEndpoints } from './v1/profile';
import { supportEndpoints } from './v1/support';

/** Every endpoint the portal serves, for the OpenAPI document and the generated test matrices. */
export const allEndpoints = [
  ...v1AuthEndpoints,
  ...v1ProfileEndpoints,
  ...v1ContractEndpoints,
  ...v1PaymentEndpoints,
  ...v1DownloadEndpoints,
  ...supportEndpoints,
  ...clientEndpoints,
  ...systemEndpoints,
  stripeWebhookEndpoint,
  downloadFileEndpoint,
  inboundEmailEndpoint,
];
