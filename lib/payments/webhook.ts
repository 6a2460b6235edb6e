import 'server-only';
import type Stripe from 'stripe';
import { db } from '@/lib/db/client';
import { ipRateLimitKey } from '@/lib/http/client-ip';
import { logger } from '@/lib/log';
import { consume } from '@/lib/rate-limit';
import {
  fulfilCheckoutSession,
  isPaymentMismatch,
  ownerOf,
  suspendForPaymentIntent,
  type FulfilOptions,
} from './fulfil';
import { verifyWebhook } from './stripe';

/**
 * Stripe's webhook: the signature is checked over the raw body (300 s tolerance), only the event
 * types below are acted on, and each event is recorded by its id and marked processed only after
 * its work has committed, so a delivery that fails answers 500, Stripe retries, and the retry
 * completes. A repeated delivery of a processed event is acknowledged without doing anything, and
 * so is a checkout that fulfilment refuses for its price (a retry would meet the same session).
 */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'charge.refunded',
  'charge.dispute.created',
] as const satisfies readonly Stripe.Event.Type[];

type HandledType = (typeof HANDLED_EVENT_TYPES)[number];

export type WebhookOutcome =
  | {
      kind: 'refused';
      error: string;
      /**
       * Set once the sending address has failed its signature too often (30 a minute): refuse it
       * for this long. Only failed signatures count, so Stripe's own deliveries are never refused.
       */
      retryAfterSeconds?: number;
    }
  | { kind: 'received'; result: 'processed' | 'duplicate' | 'ignored' };

export interface WebhookOptions {
  /** The sender's address, which failed signatures are counted by ('unknown' when absent). */
  clientIp?: string;
  /** Tests only: passed to fulfilment (an injected fault before the transaction commits). */
  fulfil?: Pick<FulfilOptions, 'beforeCommit'>;
}

const isHandled = (type: string): type is HandledType =>
  (HANDLED_EVENT_TYPES as readonly string[]).includes(type);

const idOf = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** 'ignored': the event was acknowledged and recorded, but nothing was done about it. */
async function act(event: Stripe.Event, options: WebhookOptions): Promise<'processed' | 'ignored'> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      if (session.mode !== 'payment') return 'processed'; // setup sessions save a card
      if (ownerOf(session) === null) {
        // Not a portal checkout (another integration on the same Stripe account): acknowledge it,
        // or Stripe would retry a 404 for days and finally disable the endpoint.
        logger.info(
          { event: 'checkout_not_ours', sessionId: session.id },
          'checkout session without portal metadata; ignored',
        );
        return 'processed';
      }
      try {
        await fulfilCheckoutSession(session.id, { beforeCommit: options.fulfil?.beforeCommit });
      } catch (error) {
        // Fulfilment logged the mismatch; a retry would find the same session, so acknowledge.
        if (isPaymentMismatch(error)) return 'ignored';
        throw error;
      }
      return 'processed';
    }
    case 'checkout.session.async_payment_failed':
      logger.warn(
        { event: 'checkout_payment_failed', sessionId: event.data.object.id },
        'delayed payment failed; nothing was fulfilled',
      );
      return 'processed';
    case 'charge.refunded': {
      const paymentIntent = idOf(event.data.object.payment_intent);
      if (paymentIntent) await suspendForPaymentIntent(paymentIntent, 'refunded');
      return 'processed';
    }
    case 'charge.dispute.created': {
      const paymentIntent = idOf(event.data.object.payment_intent);
      if (paymentIntent) await suspendForPaymentIntent(paymentIntent, 'disputed');
      return 'processed';
    }
    default:
      return 'processed';
  }
}

/** The event, or why its signature failed: `reason` for the sender, `detail` for the log. */
function verify(
  rawBody: string,
  signature: string | null,
): { event: Stripe.Event } | { reason: string; detail: string } {
  if (!signature) {
    return { reason: 'Missing Stripe-Signature header', detail: 'no Stripe-Signature header' };
  }
  try {
    return { event: verifyWebhook(rawBody, signature) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid signature';
    return {
      // Only the SDK's tolerance error; "Unable to extract timestamp…" is a malformed header.
      reason: /outside the tolerance zone/i.test(detail)
        ? 'Signature timestamp outside the tolerance zone'
        : 'Invalid Stripe-Signature',
      detail,
    };
  }
}

export async function receiveStripeWebhook(
  rawBody: string,
  signature: string | null,
  options: WebhookOptions = {},
): Promise<WebhookOutcome> {
  // The signature is checked before any limit, so a validly signed delivery is never refused;
  // only failures are counted, per sending address.
  const verified = verify(rawBody, signature);
  if (!('event' in verified)) {
    const clientIp = options.clientIp ?? 'unknown';
    // By the address's /64 for IPv6, as every per-address limit: one subscriber holds a whole /64.
    const limit = await consume('webhook-signature-failures', ipRateLimitKey(clientIp));
    logger.warn(
      {
        event: 'stripe_webhook_rejected',
        reason: verified.detail,
        clientIp,
        limited: !limit.allowed,
      },
      'webhook refused',
    );
    return limit.allowed
      ? { kind: 'refused', error: verified.reason }
      : { kind: 'refused', error: verified.reason, retryAfterSeconds: limit.resetSeconds };
  }
  const { event } = verified;
  if (!isHandled(event.type)) return { kind: 'received', result: 'ignored' };

  await db.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type }],
    skipDuplicates: true,
  });
  const recorded = await db.stripeEvent.update({
    where: { id: event.id },
    data: { attempts: { increment: 1 } },
    select: { processedAt: true },
  });
  if (recorded.processedAt) return { kind: 'received', result: 'duplicate' };
  let result: 'processed' | 'ignored';
  try {
    result = await act(event, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.stripeEvent.update({
      where: { id: event.id },
      data: { lastError: message.slice(0, 1000) },
    });
    throw error;
  }
  await db.stripeEvent.update({
    where: { id: event.id },
    data: { processedAt: new Date(), lastError: null },
  });
  return { kind: 'received', result };
}
