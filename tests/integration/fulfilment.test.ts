/**
 * Fulfilment on the real database, paid through the Stripe emulator: nothing for an unpaid
 * session, exactly one purchase however many deliveries and success calls race, a failed
 * fulfilment retried by Stripe until it completes, and refunds and disputes suspending the
 * license and the download links already handed out; a session paid for another amount, currency
 * or product than the catalogue's is refused and acknowledged. The concurrency tests need real PostgreSQL
 * (the embedded server has one session) and are skipped on it.
 */
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isEmbeddedDatabase } from '@/lib/db/database-url';
import { db } from '@/lib/db/client';
import { authorizeDownload, listDownloads, mintDownloadUrl } from '@/lib/downloads/releases';
import { LICENSE_KEY_PATTERN } from '@/lib/licenses/keys';
import { logger } from '@/lib/log';
import { consume, peek, rateLimitStoreStatus, reset } from '@/lib/rate-limit';
import { paymentMethodsForPage } from '@/lib/payments/billing-page';
import { product } from '@/lib/payments/catalogue';
import { createPurchaseSession } from '@/lib/payments/checkout';
import { ensureStripeCustomer } from '@/lib/payments/customers';
import { fulfilCheckoutSession, type CheckoutMetadata } from '@/lib/payments/fulfil';
import { STRIPE_API_VERSION, stripe } from '@/lib/payments/stripe';
import { fulfilForSuccessPage } from '@/lib/payments/success-page';
import { receiveStripeWebhook } from '@/lib/payments/webhook';
import { seedReleases } from '@/prisma/demo-releases';
import { DECLINED_CARD } from '@/tools/stripe-emulator/test-cards';
import { startTestStripe, waitFor, type TestStripe } from '../support/stripe';
import { createTestUser } from '../support/users';
import { rejectionView, type ErrorView } from '../support/errors';

const RELEASE = 'software_v2';
let payments: TestStripe;

beforeAll(async () => {
  payments = await startTestStripe();
  // The seed (run before the suites) ships the releases; a bare database gets them here.
  if (!(await db.release.findUnique({ where: { id: RELEASE } }))) await seedReleases();
});

afterAll(async () => {
  await payments?.stop();
});

/** A Checkout Session made by the portal's own code for a fresh customer. */
async function openSession() {
  const user = await createTestUser();
  const session = await createPurchaseSession({ userId: user.id, productType: 'base_product' });
  return { userId: user.id, sessionId: session.sessionId, url: session.url };
}

async function paymentIntentOf(sessionId: string): Promise<string> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  if (typeof session.payment_intent !== 'string') throw new Error('the session is not paid');
  return session.payment_intent;
}

/** Rows fulfilment writes for one customer's session. */
async function rowsFor(userId: number, sessionId: string) {
  const purchases = await db.purchase.findMany({
    where: { checkoutSessionId: sessionId },
    select: { id: true },
  });
  const purchaseIds = purchases.map((p) => p.id);
  const [items, licenses, invoices, anyLicense, anyInvoice] = await Promise.all([
    db.purchaseItem.count({ where: { purchaseId: { in: purchaseIds } } }),
    db.license.count({ where: { purchaseId: { in: purchaseIds } } }),
    db.invoice.count({ where: { purchaseId: { in: purchaseIds } } }),
    db.license.count({ where: { userId } }),
    db.invoice.count({ where: { userId } }),
  ]);
  return {
    purchases: purchases.length,
    items,
    licenses,
    invoices,
    userLicenses: anyLicense,
    userInvoices: anyInvoice,
  };
}

const ONE_OF_EACH = {
  purchases: 1,
  items: 1,
  licenses: 1,
  invoices: 1,
  userLicenses: 1,
  userInvoices: 1,
};
const NOTHING = {
  purchases: 0,
  items: 0,
  licenses: 0,
  invoices: 0,
  userLicenses: 0,
  userInvoices: 0,
};

/** The id of the first checkout.session.completed the emulator sent for a session. */
async function completedEventFor(sessionId: string): Promise<string> {
  return waitFor(async () => {
    for (const delivery of payments.deliveries()) {
      if (delivery.type !== 'checkout.session.completed') continue;
      const payload = JSON.parse(await payments.eventPayload(delivery.eventId)) as {
        data: { object: { id: string } };
      };
      if (payload.data.object.id === sessionId) return delivery.eventId;
    }
    return undefined;
  }, `checkout.session.completed for ${sessionId}`);
}

/** The same event under another id, pretty-printed as Stripe sends it, and its signature. */
function copyOfEvent(payload: string, id: string): { body: string; signature: string } {
  const event = JSON.parse(payload) as Record<string, unknown>;
  const body = JSON.stringify({ ...event, id }, null, 2);
  return { body, signature: payments.sign(body) };
}

const denial = (promise: Promise<unknown>): Promise<ErrorView> => rejectionView(promise);

describe('fulfilment', () => {
  it('records nothing for a session that is not paid, and answers pending', async () => {
    const { userId, sessionId } = await openSession();

    const result = await fulfilCheckoutSession(sessionId, { userId });
    expect(result).toEqual({ state: 'pending', paymentStatus: 'unpaid', sessionStatus: 'open' });

    // A completed event claiming "paid" does not override what Stripe says about the session.
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    const body = JSON.stringify(
      {
        id: `evt_forged_${randomBytes(6).toString('hex')}`,
        object: 'event',
        type: 'checkout.session.completed',
        api_version: STRIPE_API_VERSION,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: { ...session, status: 'complete', payment_status: 'paid' } },
      },
      null,
      2,
    );
    const outcome = await receiveStripeWebhook(body, payments.sign(body));
    expect(outcome).toEqual({ kind: 'received', result: 'processed' });

    expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);
  });

  it('a declined card leaves the session unpaid and records nothing', async () => {
    const { userId, sessionId, url } = await openSession();
    const declined = await payments.pay(url, DECLINED_CARD);
    expect(declined.status).toBe(402);
    expect((await fulfilCheckoutSession(sessionId)).state).toBe('pending');
    expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);
  });

  it('fulfils a paid session from the webhook alone: purchase, item, license and invoice', async () => {
    const { userId, sessionId, url } = await openSession();
    expect((await payments.pay(url)).status).toBe(303);
    await payments.idle();

    expect(await rowsFor(userId, sessionId)).toEqual(ONE_OF_EACH);
    const purchase = await db.purchase.findUniqueOrThrow({
      where: { checkoutSessionId: sessionId },
      include: { items: true, license: true, invoice: true },
    });
    expect(purchase).toMatchObject({
      userId,
      amount: 35_900,
      currency: 'usd',
      status: 'COMPLETED',
      paymentIntentId: await paymentIntentOf(sessionId),
      items: [{ productType: 'base_product', amount: 35_900, quantity: 1 }],
      license: { userId, status: 'ACTIVE', majorVersion: 2, productType: 'base_product' },
      invoice: { userId, amount: 35_900, status: 'paid' },
    });
    expect(purchase.license?.key).toMatch(LICENSE_KEY_PATTERN);
    expect(purchase.invoice?.number).toMatch(/^EMU-\d{4}$/);

    // The success page calling afterwards finds the same purchase; another customer gets 404.
    const again = await fulfilCheckoutSession(sessionId, { userId });
    expect(again).toMatchObject({ state: 'fulfilled', created: false });
    const stranger = await createTestUser();
    expect((await denial(fulfilCheckoutSession(sessionId, { userId: stranger.id }))).status).toBe(
      404,
    );
    expect(await denial(fulfilCheckoutSession('cs_test_doesnotexist'))).toMatchObject({
      status: 404,
    });
  });

  it.skipIf(isEmbeddedDatabase())(
    'ten distinct events and five success calls at once: exactly one purchase, item, license, invoice',
    async () => {
      const { userId, sessionId, url } = await openSession();
      // Keep the emulator's own delivery away until the burst is over.
      await payments.down('unavailable');
      try {
        expect((await payments.pay(url)).status).toBe(303);
        const original = await payments.eventPayload(await completedEventFor(sessionId));
        expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);

        const tag = randomBytes(6).toString('hex');
        const copies = Array.from({ length: 10 }, (_, i) =>
          copyOfEvent(original, `evt_burst_${tag}_${i}`),
        );
        const [outcomes, fulfilments] = await Promise.all([
          Promise.all(copies.map(({ body, signature }) => receiveStripeWebhook(body, signature))),
          Promise.all(
            Array.from({ length: 5 }, () => fulfilCheckoutSession(sessionId, { userId })),
          ),
        ]);
        expect(outcomes).toEqual(
          Array.from({ length: 10 }, () => ({ kind: 'received', result: 'processed' })),
        );
        const purchaseIds = new Set(
          fulfilments.map((r) => (r.state === 'fulfilled' ? r.purchase.id : null)),
        );
        expect([...purchaseIds]).toEqual([expect.any(Number)]);
        // At most one caller created it (a webhook may have won the race).
        expect(
          fulfilments.filter((r) => r.state === 'fulfilled' && r.created).length,
        ).toBeLessThanOrEqual(1);
        expect(await rowsFor(userId, sessionId)).toEqual(ONE_OF_EACH);

        const events = await db.stripeEvent.findMany({
          where: { id: { in: copies.map((_, i) => `evt_burst_${tag}_${i}`) } },
        });
        expect(events).toHaveLength(10);
        for (const event of events) {
          expect(event).toMatchObject({ attempts: 1, lastError: null });
          expect(event.processedAt).toBeInstanceOf(Date);
        }
      } finally {
        await payments.up();
      }
      // The emulator's retried original arrives too and changes nothing.
      await payments.idle();
      expect(await rowsFor(userId, sessionId)).toEqual(ONE_OF_EACH);
    },
  );

  it('a fulfilment that fails once is retried by Stripe and completes, with nothing half-written', async () => {
    const { userId, sessionId, url } = await openSession();
    let faults = 0;
    const seenBeforeRetry: Awaited<ReturnType<typeof rowsFor>>[] = [];
    const errorsBeforeRetry: (string | null)[] = [];
    let eventId: string | null = null;
    payments.setHandler(async (raw, signature) => {
      const parsed = JSON.parse(raw) as { id: string };
      if (eventId === parsed.id) {
        // A retry: what did the failed attempt leave behind?
        seenBeforeRetry.push(await rowsFor(userId, sessionId));
        const row = await db.stripeEvent.findUnique({ where: { id: parsed.id } });
        errorsBeforeRetry.push(row?.lastError ?? null);
      }
      eventId = parsed.id;
      return receiveStripeWebhook(raw, signature, {
        fulfil: {
          beforeCommit: () => {
            faults += 1;
            if (faults === 1) throw new Error('injected fault before commit');
          },
        },
      });
    });
    try {
      expect((await payments.pay(url)).status).toBe(303);
      await payments.idle();
    } finally {
      payments.setHandler();
    }

    const id = await completedEventFor(sessionId);
    const attempts = payments.received().filter((r) => r.eventId === id);
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(payments.deliveries().find((d) => d.eventId === id)).toMatchObject({
      delivered: true,
      attempts: 2,
      lastStatus: 200,
    });
    expect(seenBeforeRetry).toEqual([NOTHING]);
    expect(errorsBeforeRetry).toEqual(['injected fault before commit']);

    const recorded = await db.stripeEvent.findUniqueOrThrow({ where: { id } });
    expect(recorded.attempts).toBeGreaterThanOrEqual(2);
    expect(recorded.processedAt).toBeInstanceOf(Date);
    expect(recorded.lastError).toBeNull();
    expect(await rowsFor(userId, sessionId)).toEqual(ONE_OF_EACH);
  });
});

/**
 * A session carrying the portal's metadata for a customer but priced by hand, as anyone holding
 * the secret key (or another integration on the account) can make one.
 */
async function handPricedSession(price: {
  amount: number;
  currency: string;
  productType?: string;
}) {
  const user = await createTestUser();
  const metadata = {
    portalUserId: String(user.id),
    productType: price.productType ?? 'base_product',
  } satisfies Record<keyof CheckoutMetadata, string>;
  const session = await stripe().checkout.sessions.create({
    mode: 'payment',
    customer: await ensureStripeCustomer(user.id),
    client_reference_id: String(user.id),
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: price.currency,
          unit_amount: price.amount,
          product_data: { name: 'Sense Base' },
        },
      },
    ],
    invoice_creation: { enabled: true, invoice_data: { metadata } },
    payment_intent_data: { metadata },
    metadata,
    success_url: 'https://portal.example/purchases/success?session_id={CHECKOUT_SESSION_ID}',
  });
  return { userId: user.id, sessionId: session.id, url: session.url ?? '' };
}

describe('fulfilment checks what was paid', () => {
  const base = product('base_product');

  it('a hand-made session at the catalogue price fulfils like the portal’s own', async () => {
    const { userId, sessionId, url } = await handPricedSession({
      amount: base.amount,
      currency: base.currency,
    });
    expect((await payments.pay(url)).status).toBe(303);
    await payments.idle();
    expect(await rowsFor(userId, sessionId)).toEqual(ONE_OF_EACH);
    expect(await fulfilCheckoutSession(sessionId, { userId })).toMatchObject({
      state: 'fulfilled',
      created: false,
      purchase: { amount: base.amount, currency: base.currency },
    });
  });

  it.each<[string, { amount: number; currency: string; productType?: string }]>([
    ['a lower amount', { amount: 100, currency: 'usd' }],
    ['a higher amount', { amount: base.amount + 1, currency: 'usd' }],
    ['another currency', { amount: base.amount, currency: 'eur' }],
    [
      'a product the catalogue does not sell',
      { amount: base.amount, currency: base.currency, productType: 'enterprise_suite' },
    ],
  ])(
    'refuses a paid session for %s: logged, nothing recorded, the webhook acknowledges it',
    async (_, price) => {
      const { userId, sessionId, url } = await handPricedSession(price);
      // Unpaid, it is pending as any other session.
      expect(await fulfilCheckoutSession(sessionId, { userId })).toMatchObject({
        state: 'pending',
      });

      const warn = vi.spyOn(logger, 'warn');
      try {
        expect((await payments.pay(url)).status).toBe(303);
        await payments.idle();
        const eventId = await completedEventFor(sessionId);
        // Acknowledged at the first attempt: a retry would only find the same session.
        expect(payments.received().filter((r) => r.eventId === eventId)).toEqual([
          { eventId, type: 'checkout.session.completed', status: 200, result: 'ignored' },
        ]);
        expect((await db.stripeEvent.findUnique({ where: { id: eventId } }))?.processedAt).toEqual(
          expect.any(Date),
        );

        const refused = await denial(fulfilCheckoutSession(sessionId, { userId }));
        expect(refused).toMatchObject({ status: 422, code: 'PAYMENT_MISMATCH' });
        expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);

        const logged = warn.mock.calls.filter(
          ([fields]) => (fields as { event?: string }).event === 'payment_mismatch',
        );
        expect(logged.length).toBeGreaterThanOrEqual(2); // the webhook's and the call above
        expect(logged[0]?.[0]).toEqual({
          event: 'payment_mismatch',
          sessionId,
          userId,
          expected: price.productType
            ? null
            : {
                productType: 'base_product',
                amount: base.amount,
                currency: base.currency,
                paymentStatus: 'paid',
              },
          actual: {
            productType: price.productType ?? 'base_product',
            amount: price.amount,
            currency: price.currency,
            paymentStatus: 'paid',
          },
        });
      } finally {
        warn.mockRestore();
      }

      // Refunding it finds nothing of the portal's to suspend, and is not retried either.
      const paymentIntent = await paymentIntentOf(sessionId);
      await payments.refund(paymentIntent);
      await payments.idle();
      expect(
        payments.received().filter((r) => r.type === 'charge.refunded' && r.status !== 200),
      ).toEqual([]);
      expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);
    },
  );

  it('refuses "no payment required" for a product that costs something', async () => {
    // Stripe answers this for a payment-mode session discounted to zero; the emulator has no
    // coupons, so the retrieved session is altered on its way back to the portal.
    const { userId, sessionId, url } = await openSession();
    await payments.down('unavailable');
    try {
      expect((await payments.pay(url)).status).toBe(303);
      const sessions = stripe().checkout.sessions;
      const retrieve = sessions.retrieve.bind(sessions);
      const altered = vi
        .spyOn(sessions, 'retrieve')
        .mockImplementation(async (id: string, params?: Stripe.Checkout.SessionRetrieveParams) => {
          const real = await retrieve(id, params);
          return { ...real, amount_total: 0, payment_status: 'no_payment_required' as const };
        });
      try {
        const refused = await denial(fulfilCheckoutSession(sessionId, { userId }));
        expect(refused).toMatchObject({ status: 422, code: 'PAYMENT_MISMATCH' });
        // Even at the catalogue amount, "nothing charged" is not "paid".
        altered.mockImplementation(
          async (id: string, params?: Stripe.Checkout.SessionRetrieveParams) => ({
            ...(await retrieve(id, params)),
            payment_status: 'no_payment_required' as const,
          }),
        );
        expect(await denial(fulfilCheckoutSession(sessionId, { userId }))).toMatchObject({
          code: 'PAYMENT_MISMATCH',
        });
        expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);
      } finally {
        altered.mockRestore();
      }
    } finally {
      await payments.up();
    }
    // Unaltered, the same paid session fulfils.
    await payments.idle();
    expect(await rowsFor(userId, sessionId)).toEqual(ONE_OF_EACH);
  });
});

describe('refunds and disputes', () => {
  /** A paid, fulfilled purchase and a download link minted while its license was active. */
  async function boughtWithLink() {
    const { userId, sessionId, url } = await openSession();
    expect((await payments.pay(url)).status).toBe(303);
    await payments.idle();
    const link = await mintDownloadUrl(userId, RELEASE);
    const query = new URL(link.url).searchParams;
    const request = {
      releaseId: link.releaseId,
      platform: link.platform,
      customer: query.get('customer'),
      expires: query.get('expires'),
      signature: query.get('signature'),
    };
    await expect(authorizeDownload(request)).resolves.toMatchObject({ sha256: link.sha256 });
    const before = await listDownloads(userId);
    expect(before.find((r) => r.id === RELEASE)).toMatchObject({ canDownload: true, reason: null });
    return { userId, sessionId, request, paymentIntent: await paymentIntentOf(sessionId) };
  }

  async function expectSuspended(
    userId: number,
    sessionId: string,
    request: Parameters<typeof authorizeDownload>[0],
    reason: 'refunded' | 'disputed',
  ) {
    const purchase = await db.purchase.findUniqueOrThrow({
      where: { checkoutSessionId: sessionId },
      include: { license: true },
    });
    expect(purchase.status).toBe(reason === 'refunded' ? 'REFUNDED' : 'DISPUTED');
    expect(purchase.license).toMatchObject({ status: 'SUSPENDED', suspendReason: reason });
    expect(purchase.license?.suspendedAt).toBeInstanceOf(Date);

    // The link minted before still has a valid signature and expiry, but the license is gone.
    const refused = await denial(authorizeDownload(request));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/no longer active/);
    const mint = await denial(mintDownloadUrl(userId, RELEASE));
    expect(mint.status).toBe(403);

    const listed = (await listDownloads(userId)).find((r) => r.id === RELEASE);
    expect(listed).toMatchObject({ canDownload: false });
    expect(listed?.reason).toMatch(/suspended/i);
  }

  it('a refund suspends the license and the links already handed out', async () => {
    const { userId, sessionId, request, paymentIntent } = await boughtWithLink();
    const refund = await payments.refund(paymentIntent);
    expect(refund.status).toBe('succeeded');
    await payments.idle();
    const delivered = payments.received().filter((r) => r.type === 'charge.refunded');
    expect(delivered.at(-1)).toMatchObject({ status: 200, result: 'processed' });
    await expectSuspended(userId, sessionId, request, 'refunded');
  });

  it('a dispute suspends the license and the links already handed out', async () => {
    const { userId, sessionId, request, paymentIntent } = await boughtWithLink();
    payments.emulator.triggerDispute(paymentIntent);
    await payments.idle();
    const delivered = payments.received().filter((r) => r.type === 'charge.dispute.created');
    expect(delivered.at(-1)).toMatchObject({ status: 200, result: 'processed' });
    await expectSuspended(userId, sessionId, request, 'disputed');
  });

  it('a refund that arrives before the purchase was recorded fulfils, then suspends', async () => {
    const { userId, sessionId, url } = await openSession();
    // The portal fails this session's checkout.session.completed, so the refund is handled first.
    payments.setHandler(async (raw, signature) => {
      const event = JSON.parse(raw) as { type: string; data: { object: { id: string } } };
      if (event.type === 'checkout.session.completed' && event.data.object.id === sessionId) {
        return { kind: 'refused', error: 'held back by the test' } as const;
      }
      return receiveStripeWebhook(raw, signature);
    });
    try {
      expect((await payments.pay(url)).status).toBe(303);
      const paymentIntent = await paymentIntentOf(sessionId);
      await waitFor(
        () => payments.received().find((r) => r.result === 'held back by the test'),
        'the held-back delivery',
      );
      expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);
      await payments.refund(paymentIntent);
      await waitFor(
        () => payments.received().find((r) => r.type === 'charge.refunded' && r.status === 200),
        'charge.refunded',
      );
    } finally {
      payments.setHandler();
    }
    await payments.idle();
    const purchase = await db.purchase.findUniqueOrThrow({
      where: { checkoutSessionId: sessionId },
      include: { license: true },
    });
    expect(purchase).toMatchObject({ userId, status: 'REFUNDED' });
    expect(purchase.license).toMatchObject({ status: 'SUSPENDED', suspendReason: 'refunded' });
  });
});

describe('pages that call Stripe are limited', () => {
  const key = (userId: number) => `user:${userId}`;

  beforeAll(async () => {
    // With REDIS_URL the first calls go to the memory insurance until Redis connects, while
    // peek() reads Redis: let it connect so the counts below are one store's.
    await peek('api', 'warm-up');
    await waitFor(
      () => (rateLimitStoreStatus() === 'memory-fallback' ? undefined : true),
      'the rate-limit store',
    );
  });

  /** Spends what is left of a limit, as earlier requests would have. */
  async function spend(name: 'api' | 'checkout', userId: number) {
    while ((await consume(name, key(userId))).allowed);
  }

  it('the success page spends api and checkout points, and once checkout is spent asks no Stripe', async () => {
    const { userId, sessionId, url } = await openSession();
    expect((await payments.pay(url)).status).toBe(303);
    await payments.idle();
    // openSession's create-session call does not pass through a limit; start both from zero.
    await reset('api', key(userId));
    await reset('checkout', key(userId));
    const retrieve = vi.spyOn(stripe().checkout.sessions, 'retrieve');
    try {
      const { limit } = await peek('checkout', key(userId));
      for (let i = 0; i < limit; i += 1) {
        expect(await fulfilForSuccessPage(userId, sessionId)).toMatchObject({ state: 'fulfilled' });
      }
      expect(retrieve).toHaveBeenCalledTimes(limit);
      // The same key the buy button and create-session spend: they are refused now too.
      expect(await peek('checkout', key(userId))).toMatchObject({ allowed: false, remaining: 0 });
      expect((await peek('api', key(userId))).remaining).toBe(
        (await peek('api', 'x')).limit - limit,
      );

      const limited = await fulfilForSuccessPage(userId, sessionId);
      expect(limited).toEqual({
        state: 'limited',
        retryAfterSeconds: expect.any(Number),
        message: expect.stringMatching(/^Too many requests; try again in \d+ seconds?$/),
      });
      if (limited.state !== 'limited') throw new Error('not limited');
      expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(limited.message).toContain(String(limited.retryAfterSeconds));
      expect(retrieve).toHaveBeenCalledTimes(limit);
    } finally {
      retrieve.mockRestore();
      await reset('checkout', key(userId));
    }
  });

  it('the success page asks no Stripe once the api limit is spent, and spends no checkout point', async () => {
    const { userId, sessionId } = await openSession();
    await reset('checkout', key(userId));
    await spend('api', userId);
    const retrieve = vi.spyOn(stripe().checkout.sessions, 'retrieve');
    try {
      expect(await fulfilForSuccessPage(userId, sessionId)).toMatchObject({ state: 'limited' });
      expect(retrieve).not.toHaveBeenCalled();
      const checkout = await peek('checkout', key(userId));
      expect(checkout.remaining).toBe(checkout.limit);
    } finally {
      retrieve.mockRestore();
      await reset('api', key(userId));
    }
  });

  it('the success page shows a refused payment as a message, not an error', async () => {
    const { userId, sessionId, url } = await handPricedSession({ amount: 100, currency: 'usd' });
    expect((await payments.pay(url)).status).toBe(303);
    await payments.idle();
    expect(await fulfilForSuccessPage(userId, sessionId)).toEqual({
      state: 'mismatch',
      message: expect.stringMatching(/nothing was recorded/),
    });
    expect(await rowsFor(userId, sessionId)).toEqual(NOTHING);
    // A stranger's session is still "not found" (the page's 404), not a message.
    const stranger = await createTestUser();
    expect((await denial(fulfilForSuccessPage(stranger.id, sessionId))).status).toBe(404);
  });

  it('the billing page lists cards for one api point, and asks no Stripe once the limit is spent', async () => {
    const user = await createTestUser();
    await ensureStripeCustomer(user.id);
    const list = vi.spyOn(stripe().customers, 'listPaymentMethods');
    try {
      const before = await peek('api', key(user.id));
      expect(await paymentMethodsForPage(user.id)).toEqual({ state: 'listed', cards: [] });
      expect(list).toHaveBeenCalledTimes(1);
      expect((await peek('api', key(user.id))).remaining).toBe(before.remaining - 1);

      await spend('api', user.id);
      const limited = await paymentMethodsForPage(user.id);
      expect(limited).toMatchObject({
        state: 'limited',
        message: expect.stringMatching(/^Too many requests; try again in \d+ seconds?$/),
      });
      expect(list).toHaveBeenCalledTimes(1);
    } finally {
      list.mockRestore();
      await reset('api', key(user.id));
    }
  });
});
