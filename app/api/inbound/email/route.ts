import { inboundEmailEndpoint } from '@/lib/api/inbound';
import { lower } from '@/lib/api/v1/envelope';
import { methods, route } from '@/lib/http/handler';
import { authenticateInbound, receiveInboundEmail } from '@/lib/mail/inbound';

const handler = route(inboundEmailEndpoint, async ({ req, rawBody, ip }) => {
  await authenticateInbound(req.headers.get('authorization'), ip);
  const result = await receiveInboundEmail(rawBody);
  return { body: { received: true, outcome: lower(result.outcome), reason: result.reason } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
