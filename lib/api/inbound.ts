import { z } from 'zod';
import { defineEndpoint } from '@/lib/http/endpoint';
import { INBOUND_MAX_BYTES } from '@/lib/mail/inbound';

export const inboundEmailEndpoint = defineEndpoint({
  operationId: 'inboundEmail',
  method: 'POST',
  path: '/api/inbound/email',
  surface: 'internal',
  tags: ['Mail'],
  summary: 'Receive an e-mailed reply (for your mail provider)',
  description:
    "The raw RFC 822 message as the body (any content type, up to 10 MiB), the way mail providers' inbound webhooks deliver it; authenticated with `Authorization: Bearer <INBOUND_EMAIL_SECRET>` or Basic auth with that secret as password. A reply to a support notification (its `reply+…@SUPPORT_REPLY_DOMAIN` address, sent from the address it was issued to) joins its ticket; auto-replies and bounces are ignored (a bounce marks its notification bounced); anything else is refused. Every message is recorded and answered 200, so the provider does not retry what will never be accepted. Wrong secrets are limited to 10 a minute per client address (then 429).",
  auth: 'none',
  rawBody: true,
  rawBodyMaxBytes: INBOUND_MAX_BYTES,
  rateLimit: false,
  responses: {
    200: {
      description: 'Received, with what became of it',
      schema: z.object({
        received: z.literal(true),
        outcome: z.enum(['appended', 'ignored', 'refused']),
        reason: z.string(),
      }),
    },
    401: { description: '`UNAUTHENTICATED`: missing or wrong secret' },
    413: { description: 'Larger than 10 MiB' },
    429: { description: '`RATE_LIMITED`: too many wrong secrets from this address' },
  },
});
