import 'server-only';
import Stripe from 'stripe';
import { getEnv } from '@/lib/env';

/**
 * The one Stripe client. With real keys it talks to Stripe; without them the same SDK calls go to
 * the shipped emulator (STRIPE_API_URL), which the SDK only knows as another host.
 */
const globalForStripe = globalThis as unknown as { portalStripe?: Stripe };

/** The API version the portal is written against; pinned so Stripe's upgrades never change a shape. */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

export function stripe(): Stripe {
  if (!globalForStripe.portalStripe) {
    const settings = getEnv().stripe;
    const host =
      settings.mode === 'emulator'
        ? (() => {
            const url = new URL(settings.apiUrl);
            return {
              host: url.hostname,
              port: url.port || (url.protocol === 'https:' ? '443' : '80'),
              protocol: url.protocol === 'https:' ? ('https' as const) : ('http' as const),
            };
          })()
        : {};
    globalForStripe.portalStripe = new Stripe(settings.secretKey, {
      apiVersion: STRIPE_API_VERSION,
      maxNetworkRetries: 2,
      timeout: 15_000,
      appInfo: { name: 'sense-customer-portal' },
      ...host,
    });
  }
  return globalForStripe.portalStripe;
}

/** Verifies a webhook's `Stripe-Signature` over the raw body (300 s tolerance) and parses the event. */
export function verifyWebhook(rawBody: string, signature: string): Stripe.Event {
  return stripe().webhooks.constructEvent(rawBody, signature, getEnv().stripe.webhookSecret, 300);
}
