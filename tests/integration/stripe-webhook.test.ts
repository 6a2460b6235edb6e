/**
 * Stripe's webhook as Stripe delivers it: over HTTP to a receiver that runs the portal's
 * `receiveStripeWebhook` and answers like `POST /api/webhooks/stripe`. Signatures (and their
 * 300 s tolerance) are checked before anything is recorded, events outside the allow-list are
 * acknowledged and forgotten, a processed event delivered again changes nothing, and a portal that
 * is away while Stripe delivers is fulfilled exactly once when it comes back. Failed signatures
 * are limited per address (valid ones never are), through the domain and the real route.
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { createPurchaseSession } from '@/lib/payments/checkout';
import { STRIPE_API_VERSION, stripe } from '@/lib/payments/stripe';
import { receiveStripeWebhook } from '@/lib/payments/webhook';
import { POST as webhookRoute } from '@/app/api/webhooks/stripe/route';
import { clientIpHeaders } from '../support/client-ip';
import { startTestStripe, waitFor, type DownMode, type TestStripe } from '../support/stripe';
import { createTestUser, randomIp } from '../support/users';

let payments: TestStripe;

beforeAll(async () => {
  // Ten attempts from 40 ms doubling: the emulator keeps retrying for about 20 s.
  payments = await startTestStripe({ retry: { attempts: 10, baseMs: 40 } });
});

afterAll(async () => {
  await payments?.stop();
});

interface Answer {
  status: number;
  body: { received?: boolean; result?: string; message?: string };
}

/** POSTs a body to the webhook as Stripe would. */
async function deliver(body: string, signature: string | null): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== null) headers['stripe-signature'] = signature;
  const response = await fetch(payments.webhookUrl, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function openSession() {
  const user = await createTestUser();
  const session = await createPurchaseSession({ userId: user.id, productType: 'base_product' });
  return { userId: user.id, sessionId: session.sessionId, url: session.url };
}

const purchasesOf = (sessionId: string) =>
  db.purchase.count({ where: { checkoutSessionId: sessionId } });
const licensesOf = (userId: number) => db.license.count({ where: { userId } });
const eventRow = (id: string) => db.stripeEvent.findUnique({ where: { id } });

/** The checkout.session.completed the emulator made for a session: its id and raw JSON. */
async function completedEvent(sessionId: string): Promise<{ id: string; payload: string }> {
  return waitFor(async () => {
    for (const delivery of payments.deliveries()) {
      if (delivery.type !== 'checkout.session.completed') continue;
      const payload = await payments.eventPayload(delivery.eventId);
      if (
        (JSON.parse(payload) as { data: { object: { id: string } } }).data.object.id === sessionId
      ) {
        return { id: delivery.eventId, payload };
      }
    }
    return undefined;
  }, `checkout.session.completed for ${sessionId}`);
}

/**
 * A session paid while the portal fails the emulator's delivery of its event, so the purchase is
 * not recorded yet; `payload` is that event under a new id, for the test to deliver itself.
 * `release()` lets the emulator's retries through again.
 */
async function paidButUndelivered() {
  const opened = await openSession();
  payments.setHandler(async (raw, signature) => {
    const event = JSON.parse(raw) as Stripe.Event;
    const original =
      event.type === 'checkout.session.completed' &&
      event.data.object.id === opened.sessionId &&
      !event.id.startsWith('evt_copy_');
    if (original) {
      throw new Error('held back by the test');
    }
    return receiveStripeWebhook(raw, signature);
  });
  expect((await payments.pay(opened.url)).status).toBe(303);
  const original = await completedEvent(opened.sessionId);
  const id = `evt_copy_${randomBytes(8).toString('hex')}`;
  const payload = JSON.stringify({ ...(JSON.parse(original.payload) as object), id }, null, 2);
  return { ...opened, event: { id, payload }, release: () => payments.setHandler() };
}

/** An event of any type, shaped and pretty-printed as Stripe sends them. */
function eventJson(type: string, object: Record<string, unknown>): { id: string; body: string } {
  const id = `evt_test_${randomBytes(8).toString('hex')}`;
  const event = {
    id,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  return { id, body: JSON.stringify(event, null, 2) };
}

describe('Stripe webhook: signatures', () => {
  it('a bad, missing or stale signature is 400 and records nothing; a fresh one is 200', async () => {
    const { userId, sessionId, event, release } = await paidButUndelivered();
    try {
      const wrongSecret = Stripe.webhooks.generateTestHeaderString({
        payload: event.payload,
        secret: 'whsec_not_the_portals_secret',
      });
      const tampered = event.payload.replace('"amount_total": 35900', '"amount_total": 100');
      expect(tampered).not.toBe(event.payload);
      const now = Math.floor(Date.now() / 1000);

      const refused = [
        await deliver(event.payload, wrongSecret),
        await deliver(event.payload, null),
        await deliver(event.payload, 't=1,v1=deadbeef'),
        await deliver(event.payload, 'garbage'),
        await deliver(tampered, payments.sign(event.payload)),
        // Correctly signed, but 301 s old: outside the 300 s tolerance.
        await deliver(event.payload, payments.sign(event.payload, now - 301)),
      ];
      expect(refused.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400]);
      expect(refused.map((a) => a.body.message)).toEqual([
        'Invalid Stripe-Signature',
        'Missing Stripe-Signature header',
        'Invalid Stripe-Signature',
        'Invalid Stripe-Signature',
        'Invalid Stripe-Signature',
        'Signature timestamp outside the tolerance zone',
      ]);
      expect(await eventRow(event.id)).toBeNull();
      expect(await purchasesOf(sessionId)).toBe(0);
      expect(await licensesOf(userId)).toBe(0);

      // The same payload, signed now (and one signed within the tolerance): accepted.
      const fresh = await deliver(event.payload, payments.sign(event.payload));
      expect(fresh).toEqual({ status: 200, body: { received: true, result: 'processed' } });
      const recorded = await eventRow(event.id);
      expect(recorded).toMatchObject({ type: 'checkout.session.completed', attempts: 1 });
      expect(recorded?.processedAt).toBeInstanceOf(Date);
      expect(await purchasesOf(sessionId)).toBe(1);
      expect(await licensesOf(userId)).toBe(1);

      const recent = await deliver(event.payload, payments.sign(event.payload, now - 240));
      expect(recent).toEqual({ status: 200, body: { received: true, result: 'duplicate' } });
    } finally {
      release();
    }
    await payments.idle();
    expect(await purchasesOf(sessionId)).toBe(1);
  });
});

describe('Stripe webhook: failed signatures are limited per address', () => {
  const FAILURES_A_MINUTE = 30;

  it('past 30 failures a minute an address is told to wait; valid deliveries still pass', async () => {
    const attacker = randomIp();
    const bystander = randomIp();
    const { id, body } = eventJson('customer.created', { id: 'cus_limited' });
    const forged = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: 'whsec_not_the_portals_secret',
    });

    const answers = [];
    for (let i = 0; i < FAILURES_A_MINUTE; i += 1) {
      answers.push(await receiveStripeWebhook(body, i % 2 ? forged : null, { clientIp: attacker }));
    }
    expect(answers.every((a) => a.kind === 'refused' && a.retryAfterSeconds === undefined)).toBe(
      true,
    );
    const limited = await receiveStripeWebhook(body, forged, { clientIp: attacker });
    expect(limited).toMatchObject({ kind: 'refused', error: 'Invalid Stripe-Signature' });
    expect(limited.kind === 'refused' && limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    // The signature is checked first: a validly signed delivery from that address is not refused.
    const valid = await receiveStripeWebhook(body, payments.sign(body), { clientIp: attacker });
    expect(valid).toEqual({ kind: 'received', result: 'ignored' });
    expect(await eventRow(id)).toBeNull();
    // Another address has its own count.
    expect(await receiveStripeWebhook(body, forged, { clientIp: bystander })).toEqual({
      kind: 'refused',
      error: 'Invalid Stripe-Signature',
    });
  });

  it('counts IPv6 senders by their /64, so stepping through one subscriber’s block does not help', async () => {
    const prefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
    const { body } = eventJson('customer.created', { id: 'cus_limited_v6' });
    for (let i = 0; i < FAILURES_A_MINUTE; i += 1) {
      const refused = await receiveStripeWebhook(body, 't=1,v1=deadbeef', {
        clientIp: `${prefix}::${(i + 1).toString(16)}`,
      });
      expect(refused).toEqual({ kind: 'refused', error: 'Invalid Stripe-Signature' });
    }
    const limited = await receiveStripeWebhook(body, 't=1,v1=deadbeef', {
      clientIp: `${prefix}:ffff:ffff:ffff:ffff`,
    });
    expect(limited.kind === 'refused' && limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('the route answers 400 WEBHOOK_SIGNATURE_INVALID, then 429 with Retry-After', async () => {
    const ip = randomIp();
    const { body } = eventJson('customer.created', { id: 'cus_limited_route' });
    const post = (signature: string) =>
      webhookRoute(
        new Request('http://portal.test/api/webhooks/stripe', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signature,
            // What scripts/server.ts adds to every request: the client address, signed.
            ...clientIpHeaders(ip),
          },
          body,
        }),
        { params: Promise.resolve({}) },
      );

    for (let i = 0; i < FAILURES_A_MINUTE; i += 1) {
      const refused = await post('t=1,v1=deadbeef');
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    }
    const limited = await post('t=1,v1=deadbeef');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });

    const valid = await post(payments.sign(body));
    expect(valid.status).toBe(200);
    expect(await valid.json()).toEqual({ received: true, result: 'ignored' });
  });
});

describe('Stripe webhook: what is recorded', () => {
  it('an event type outside the allow-list is acknowledged (200 ignored) and not recorded', async () => {
    const types = ['customer.created', 'invoice.paid', 'payment_intent.succeeded'];
    for (const type of types) {
      const { id, body } = eventJson(type, { id: `obj_${randomBytes(4).toString('hex')}` });
      const answer = await deliver(body, payments.sign(body));
      expect(answer).toEqual({ status: 200, body: { received: true, result: 'ignored' } });
      expect(await eventRow(id)).toBeNull();
    }
  });

  it('a processed event delivered again answers 200 duplicate and buys nothing twice', async () => {
    const { userId, sessionId, url } = await openSession();
    expect((await payments.pay(url)).status).toBe(303);
    await payments.idle();
    const event = await completedEvent(sessionId);
    expect(await purchasesOf(sessionId)).toBe(1);

    for (let i = 0; i < 3; i += 1) {
      const again = await deliver(event.payload, payments.sign(event.payload));
      expect(again).toEqual({ status: 200, body: { received: true, result: 'duplicate' } });
    }
    expect(await purchasesOf(sessionId)).toBe(1);
    expect(await licensesOf(userId)).toBe(1);
    const recorded = await eventRow(event.id);
    expect(recorded?.attempts).toBe(4);
    expect(recorded?.processedAt).toBeInstanceOf(Date);
  });

  it('a failed delayed payment is recorded and fulfils nothing', async () => {
    const { userId, sessionId } = await openSession();
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    const { id, body } = eventJson('checkout.session.async_payment_failed', { ...session });
    const answer = await deliver(body, payments.sign(body));
    expect(answer).toEqual({ status: 200, body: { received: true, result: 'processed' } });
    expect((await eventRow(id))?.processedAt).toBeInstanceOf(Date);
    expect(await purchasesOf(sessionId)).toBe(0);
    expect(await licensesOf(userId)).toBe(0);
  });

  it("a checkout that is not the portal's (no portal metadata) is acknowledged, not retried", async () => {
    // Another integration on the same Stripe account: Stripe sends its events here too.
    const customer = await stripe().customers.create({ email: 'other-shop@example.com' });
    const foreign = await stripe().checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [
        {
          quantity: 1,
          price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Sticker' } },
        },
      ],
      success_url: 'https://shop.example/thanks',
    });
    expect((await payments.pay(foreign.url ?? '')).status).toBe(303);
    await payments.idle();
    const event = await completedEvent(foreign.id);
    expect(payments.deliveries().find((d) => d.eventId === event.id)).toMatchObject({
      delivered: true,
      attempts: 1,
      lastStatus: 200,
    });
    expect(await purchasesOf(foreign.id)).toBe(0);

    // Refunding it is no business of the portal's either.
    const paid = await stripe().checkout.sessions.retrieve(foreign.id);
    await payments.refund(String(paid.payment_intent));
    await payments.idle();
    const refunded = payments.deliveries().filter((d) => d.type === 'charge.refunded');
    expect(refunded.at(-1)).toMatchObject({ delivered: true, attempts: 1 });
    expect(await purchasesOf(foreign.id)).toBe(0);
  });
});

describe('Stripe webhook: the portal away during delivery', () => {
  it.each<[string, DownMode]>([
    ['answers 503', 'unavailable'],
    ['refuses connections', 'refuse'],
  ])(
    'while the portal %s, Stripe retries; fulfilled exactly once when it is back',
    async (_, mode) => {
      const { userId, sessionId, url } = await openSession();
      await payments.down(mode);
      let eventId: string;
      try {
        expect((await payments.pay(url)).status).toBe(303);
        eventId = (await completedEvent(sessionId)).id;
        // Let Stripe fail at least twice against the absent portal.
        await waitFor(() => {
          const d = payments.deliveries().find((x) => x.eventId === eventId);
          return d && d.attempts >= 2 ? d : undefined;
        }, 'two failed attempts');
        expect(await purchasesOf(sessionId)).toBe(0);
      } finally {
        await payments.up();
      }
      await payments.idle();

      const delivery = payments.deliveries().find((d) => d.eventId === eventId);
      expect(delivery).toMatchObject({ delivered: true, lastStatus: 200 });
      expect(delivery?.attempts).toBeGreaterThanOrEqual(3);
      const seen = payments.received().filter((r) => r.eventId === eventId);
      if (mode === 'unavailable') {
        expect(seen.slice(0, -1).every((r) => r.status === 503)).toBe(true);
        expect(seen.length).toBe(delivery?.attempts);
      } else {
        // Refused connections never reach the portal: only the successful attempt is seen.
        expect(seen.map((r) => r.status)).toEqual([200]);
      }
      expect(seen.at(-1)).toMatchObject({ status: 200, result: 'processed' });

      expect(await purchasesOf(sessionId)).toBe(1);
      expect(await licensesOf(userId)).toBe(1);
      const recorded = await eventRow(eventId);
      // Only the attempt that reached the portal counts; it was processed.
      expect(recorded).toMatchObject({ attempts: 1, lastError: null });
      expect(recorded?.processedAt).toBeInstanceOf(Date);
    },
  );
});
