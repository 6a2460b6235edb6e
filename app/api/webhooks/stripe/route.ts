import { stripeWebhookEndpoint } from '@/lib/api/stripe-webhook';
import { AppError, rateLimited } from '@/lib/errors';
import { methods, route } from '@/lib/http/handler';
import { receiveStripeWebhook } from '@/lib/payments/webhook';

const handler = route(stripeWebhookEndpoint, async ({ req, rawBody, ip }) => {
  const outcome = await receiveStripeWebhook(rawBody, req.headers.get('stripe-signature'), {
    clientIp: ip,
  });
  if (outcome.kind === 'refused') {
    if (outcome.retryAfterSeconds !== undefined) {
      throw rateLimited(outcome.retryAfterSeconds, 'Too many deliveries with a bad signature');
    }
    throw new AppError('WEBHOOK_SIGNATURE_INVALID', outcome.error);
  }
  return { body: { received: true, result: outcome.result } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
