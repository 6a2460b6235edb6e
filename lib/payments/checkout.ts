import 'server-only';
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { requireVerifiedEmail } from '@/lib/accounts/users';
import { getEnv } from '@/lib/env';
import { AppError, invalid } from '@/lib/errors';
import { product, type ProductType } from './catalogue';
import { ensureStripeCustomer } from './customers';
import type { CheckoutMetadata } from './fulfil';
import { stripe } from './stripe';

/**
 * Checkout Sessions: a purchase (mode payment, priced from the catalogue, with an invoice) and a
 * saved card (mode setup). Return URLs must sit on the portal's own origin or one listed in
 * CHECKOUT_ALLOWED_ORIGINS, so a crafted request cannot make Stripe send a customer elsewhere.
 */
export const SESSION_ID_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

export function allowedReturnOrigins(): string[] {
  const env = getEnv();
  return [
    new URL(env.appUrl).origin,
    ...env.CHECKOUT_ALLOWED_ORIGINS.map((o) => new URL(o).origin),
  ];
}

/** The URL if it is absolute, http(s), without credentials and on an allowed origin; else a 400. */
export function checkReturnUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('URL_NOT_ALLOWED', `${field} must be an absolute URL`, [
      { field, message: 'must be an absolute URL' },
    ]);
  }
  // The refusal names the rule broken, never the allow-list: that list maps the deployment's
  // sibling hosts for anyone who sends a wrong URL.
  const refuse = (reason: string) =>
    invalid('URL_NOT_ALLOWED', `${field} must be on an allowed origin`, [
      { field, message: reason },
    ]);
  if (!['https:', 'http:'].includes(url.protocol)) throw refuse('must be an http or https URL');
  if (url.username || url.password) throw refuse('must not carry a user name or password');
  if (!allowedReturnOrigins().includes(url.origin)) throw refuse('its origin is not allowed');
  // Hand on the URL as parsed here, so Stripe (or any other parser) cannot read another host
  // into it (`https://allowed\@evil.example` is normalised); the placeholder stays literal.
  return url.href.replaceAll(encodeURIComponent(SESSION_ID_PLACEHOLDER), SESSION_ID_PLACEHOLDER);
}

/** Adds `session_id={CHECKOUT_SESSION_ID}` unless the URL already carries the placeholder. */
export function withSessionId(successUrl: string): string {
  if (successUrl.includes(SESSION_ID_PLACEHOLDER)) return successUrl;
  const [base = '', hash] = successUrl.split('#', 2);
  const joined = `${base}${base.includes('?') ? '&' : '?'}session_id=${SESSION_ID_PLACEHOLDER}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

export interface CheckoutRequest {
  userId: number;
  productType: ProductType;
  successUrl?: string;
  cancelUrl?: string;
}

export interface CheckoutSessionView {
  sessionId: string;
  url: string;
  expiresAt: Date;
}

function view(session: {
  id: string;
  url: string | null;
  expires_at: number;
}): CheckoutSessionView {
  if (!session.url) throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe gave no URL');
  return {
    sessionId: session.id,
    url: session.url,
    expiresAt: new Date(session.expires_at * 1000),
  };
}

/** Everything a purchase session says, whichever way Checkout is shown. */
async function purchaseSessionParams(
  userId: number,
  productType: ProductType,
): Promise<Stripe.Checkout.SessionCreateParams> {
  // Buying needs a verified address (issue 10): 403 EMAIL_NOT_VERIFIED before Stripe is asked.
  await requireVerifiedEmail(userId);
  const item = product(productType);
  const customer = await ensureStripeCustomer(userId);
  const metadata: CheckoutMetadata = {
    portalUserId: String(userId),
    productType: item.type,
  };
  return {
    mode: 'payment',
    customer,
    client_reference_id: String(userId),
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: item.currency,
          unit_amount: item.amount,
          product_data: { name: item.name },
        },
      },
    ],
    invoice_creation: {
      enabled: true,
      invoice_data: { description: item.description, metadata: { ...metadata } },
    },
    payment_intent_data: { description: item.description, metadata: { ...metadata } },
    metadata: { ...metadata },
  };
}

export async function createPurchaseSession(
  request: CheckoutRequest,
): Promise<CheckoutSessionView> {
  const appUrl = getEnv().appUrl;
  const successUrl = withSessionId(
    checkReturnUrl(request.successUrl ?? `${appUrl}/purchases/success`, 'successUrl'),
  );
  const cancelUrl = checkReturnUrl(
    request.cancelUrl ?? `${appUrl}/purchases?checkout=cancelled`,
    'cancelUrl',
  );
  const params = await purchaseSessionParams(request.userId, request.productType);
  const session = await stripe().checkout.sessions.create(
    { ...params, success_url: successUrl, cancel_url: cancelUrl },
    { idempotencyKey: `portal-checkout-${request.userId}-${randomUUID()}` },
  );
  return view(session);
}

/** Embedded Checkout is used only with a publishable key (it needs Stripe.js from Stripe's servers). */
export function embeddedCheckoutKey(): string | null {
  return getEnv().stripe.publishableKey;
}

export interface EmbeddedCheckoutView {
  sessionId: string;
  clientSecret: string;
  expiresAt: Date;
}

/**
 * The same purchase shown inside the portal by Stripe.js (`ui_mode: embedded_page`): the browser
 * gets the session's client secret instead of a URL and comes back to the success page.
 */
export async function createEmbeddedPurchaseSession(request: {
  userId: number;
  productType: ProductType;
  returnUrl?: string;
}): Promise<EmbeddedCheckoutView> {
  const appUrl = getEnv().appUrl;
  const returnUrl = withSessionId(
    checkReturnUrl(request.returnUrl ?? `${appUrl}/purchases/success`, 'returnUrl'),
  );
  const params = await purchaseSessionParams(request.userId, request.productType);
  const session = await stripe().checkout.sessions.create(
    { ...params, ui_mode: 'embedded_page', return_url: returnUrl },
    { idempotencyKey: `portal-checkout-embedded-${request.userId}-${randomUUID()}` },
  );
  if (!session.client_secret) {
    throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe gave no client secret');
  }
  return {
    sessionId: session.id,
    clientSecret: session.client_secret,
    expiresAt: new Date(session.expires_at * 1000),
  };
}

export async function createSetupSession(request: {
  userId: number;
  successUrl?: string;
  cancelUrl?: string;
}): Promise<CheckoutSessionView> {
  const appUrl = getEnv().appUrl;
  const successUrl = withSessionId(
    checkReturnUrl(request.successUrl ?? `${appUrl}/billing?card=added`, 'successUrl'),
  );
  const cancelUrl = checkReturnUrl(request.cancelUrl ?? `${appUrl}/billing`, 'cancelUrl');
  const customer = await ensureStripeCustomer(request.userId);
  const session = await stripe().checkout.sessions.create(
    {
      mode: 'setup',
      customer,
      currency: 'usd',
      client_reference_id: String(request.userId),
      metadata: { portalUserId: String(request.userId) },
      success_url: successUrl,
      cancel_url: cancelUrl,
    },
    { idempotencyKey: `portal-setup-${request.userId}-${randomUUID()}` },
  );
  return view(session);
}
