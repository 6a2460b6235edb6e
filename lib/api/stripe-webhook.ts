import { z } from 'zod';
import { defineEndpoint } from '@/lib/http/endpoint';

export const stripeWebhookEndpoint = defineEndpoint({
  operationId: 'stripeWebhook',
  method: 'POST',
  path: '/api/webhooks/stripe',
  surface: 'internal',
  tags: ['Stripe'],
  summary: "Stripe's webhook",
  description:
    'Verified with `Stripe-Signature` over the raw body (300 s tolerance). Acts on checkout.session.completed, checkout.session.async_payment_succeeded and _failed, charge.refunded and charge.dispute.created; other types are acknowledged and ignored, as is a paid checkout whose amount or currency is not the catalogue price of what it names (logged; `result: "ignored"`, nothing recorded). Each event is recorded by id and marked processed only after its work commits; a failure answers 500 so Stripe retries. Bodies up to 1 MiB (or MAX_BODY_BYTES if larger). Never rate-limited while the signature is valid; deliveries whose signature fails (or is missing) are counted per client address, and past 30 in a minute they get 429 with `Retry-After` instead of 400.',
  auth: 'none',
  rawBody: true,
  rateLimit: false,
  responses: {
    200: {
      description: 'Received',
      schema: z.object({
        received: z.literal(true),
        result: z.enum(['processed', 'duplicate', 'ignored']),
      }),
    },
    400: {
      description:
        '`WEBHOOK_SIGNATURE_INVALID`: missing or invalid signature, or a timestamp outside the tolerance',
    },
    429: {
      description:
        '`RATE_LIMITED`: more than 30 failed signatures a minute from this address; see `Retry-After`',
    },
  },
});
