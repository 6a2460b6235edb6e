import { stripeWebhookEndpoint } from '@/lib/api/stripe-webhook';
import { AppError } from '@/lib/errors';
import { methods, route } from '@/lib/http/handler';
import { receiveStripeWebhook } from '@/lib/payments/webhook';

const handler = route(stripeWebhookEndpoint, async ({ req, rawBody }) => {
  const outcome = await receiveStripeWebhook(rawBody, req.headers.get('stripe-signature'));
  if (outcome.status === 400) throw new AppError(400, 'VALIDATION_FAILED', outcome.error);
  return { body: { received: true, result: outcome.result } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
