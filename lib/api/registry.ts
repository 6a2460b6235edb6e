import { authApiEndpoints } from './auth-api/endpoints';
import { clientEndpoints } from './client/endpoints';
import { giggatekEndpoints } from './giggatek/endpoints';
import { attachmentFileEndpoint, downloadFileEndpoint } from './files';
import { inboundEmailEndpoint } from './inbound';
import { stripeWebhookEndpoint } from './stripe-webhook';
import { withStandardResponses } from './standard-responses';
import { systemEndpoints } from './system';
import { v1AuthEndpoints } from './v1/auth';
import { v1ContractEndpoints } from './v1/contracts';
import { v1DownloadEndpoints } from './v1/downloads';
import { v1PaymentEndpoints } from './v1/payments';
import { v1ProfileEndpoints } from './v1/profile';
import { supportEndpoints } from './v1/support';

/**
 * Every endpoint the portal serves, for the OpenAPI document and the generated test matrices, each
 * with the 401/403/429 its auth, role and limit imply.
 */
export const allEndpoints = [
  ...v1AuthEndpoints,
  ...v1ProfileEndpoints,
  ...v1ContractEndpoints,
  ...v1PaymentEndpoints,
  ...v1DownloadEndpoints,
  ...supportEndpoints,
  ...clientEndpoints,
  ...authApiEndpoints,
  ...giggatekEndpoints,
  ...systemEndpoints,
  stripeWebhookEndpoint,
  downloadFileEndpoint,
  attachmentFileEndpoint,
  inboundEmailEndpoint,
].map(withStandardResponses);
