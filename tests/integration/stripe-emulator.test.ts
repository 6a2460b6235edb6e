/**
 * The Stripe emulator (tools/stripe-emulator) driven through the real Stripe SDK, its hosted
 * Checkout form posted as a browser would, and its webhooks received and verified the way the
 * portal will verify them (`stripe.webhooks.constructEvent`).
 */
import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseForm } from '@/tools/stripe-emulator/form';
import { startStripeEmulator, type StripeEmulator } from '@/tools/stripe-emulator';
import {
  DECLINED_CARD,
  PAYING_CARD as card,
  submitHostedPage as submitCard,
} from '@/tools/stripe-emulator/test-cards';

const SECRET = 'whsec_emulator_test_secret';
const SUCCESS_URL = 'http://127.0.0.1:3999/purchases/success?session_id={CHECKOUT_SESSION_ID}';
const CANCEL_URL = 'http://127.0.0.1:3999/purchases';

interface Received {
  body: string;
  signature: string;
  answered: number;
}

/** A webhook endpoint that records what it gets and can be told to fail the next N requests. */
function startReceiver(): Promise<{
  url: string;
  server: Server;
  received: Received[];
  failNext: (count: number) => void;
}> {
  const received: Received[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = failures > 0 ? 500 : 200;
      if (failures > 0) failures -= 1;
      const signature = req.headers['stripe-signature'];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: typeof signature === 'string' ? signature : '',
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/api/webhooks/stripe`,
        server,
        received,
        failNext: (count) => {
          failures = count;
        },
      });
    });
  });
}

let emulator: StripeEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let stripe: Stripe;

const sdk = (key: string, port: number) =>
  new Stripe(key, {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    apiVersion: Stripe.API_VERSION,
    maxNetworkRetries: 0,
  });

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startStripeEmulator({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    retry: { attempts: 4, baseMs: 20 },
  });
  stripe = sdk('sk_test_emulator', emulator.port);
});

afterAll(async () => {
  await emulator?.stop();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

/** Verified events of one type, in the order they arrived (successful answers only). */
function events(type: string): Stripe.Event[] {
  return receiver.received
    .filter((request) => request.answered === 200)
    .map((request) => stripe.webhooks.constructEvent(request.body, request.signature, SECRET))
    .filter((event) => event.type === type);
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function newCustomer(email = 'ada@example.com'): Promise<Stripe.Customer> {
  return stripe.customers.create({ email, name: 'Ada Lovelace', metadata: { userId: 'u_1' } });
}

async function paymentSession(customer: string): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    customer,
    line_items: [
      {
        price_data: {
          currency: 'usd',
          unit_amount: 35900,
          product_data: { name: 'Sense Base' },
        },
        quantity: 1,
      },
    ],
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
    client_reference_id: 'user_1',
    metadata: { product: 'sense-base' },
    invoice_creation: { enabled: true },
    payment_intent_data: { metadata: { product: 'sense-base' } },
  });
}

/** A completed $359 purchase: session, its payment intent id. */
async function purchase(customer: string) {
  const session = await paymentSession(customer);
  const response = await submitCard(session.url ?? '');
  expect(response.status).toBe(303);
  const paid = await stripe.checkout.sessions.retrieve(session.id);
  const paymentIntent = typeof paid.payment_intent === 'string' ? paid.payment_intent : '';
  return { session: paid, paymentIntent };
}

describe('Stripe emulator', () => {
  it('parses Stripe bracket notation into nested objects and arrays', () => {
    const form = parseForm(
      'line_items[0][price_data][unit_amount]=35900&line_items[0][quantity]=1' +
        '&metadata[a%20b]=c%26d&expand[]=invoice&expand[]=payment_intent&__proto__[x]=1',
    );
    expect(form).toEqual({
      line_items: [{ price_data: { unit_amount: '35900' }, quantity: '1' }],
      metadata: { 'a b': 'c&d' },
      expand: ['invoice', 'payment_intent'],
    });
  });

  it('creates one customer for one Idempotency-Key, and retrieves and updates it', async () => {
    const params = { email: 'once@example.com', name: 'Once' };
    const first = await stripe.customers.create(params, { idempotencyKey: 'customer-u1' });
    const second = await stripe.customers.create(params, { idempotencyKey: 'customer-u1' });
    expect(first.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(second.id).toBe(first.id);
    await expect(
      stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'customer-u1' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const updated = await stripe.customers.update(first.id, {
      name: 'Twice',
      metadata: { a: '1' },
    });
    expect(updated).toMatchObject({
      name: 'Twice',
      email: 'once@example.com',
      metadata: { a: '1' },
    });
    expect((await stripe.customers.retrieve(first.id)).id).toBe(first.id);
  });

  it('sells $359 through the hosted page: declined card, then 4242, redirect, webhook', async () => {
    const customer = await newCustomer();
    const session = await paymentSession(customer.id);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 35900,
      currency: 'usd',
      customer: customer.id,
      client_reference_id: 'user_1',
      metadata: { product: 'sense-base' },
    });
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]+$/);
    expect(session.url).toBe(`${emulator.url}/checkout/${session.id}`);

    const page = await fetch(session.url ?? '');
    const html = await page.text();
    expect(page.status).toBe(200);
    for (const label of ['Card number', 'Expiry', 'CVC', 'Name on card']) {
      expect(html).toMatch(new RegExp(`<label for="\\w+">${label}</label>`));
    }
    expect(html).toContain('Pay $359.00</button>');
    expect(html).toContain(`<a href="${CANCEL_URL}">Cancel</a>`);
    expect(html).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    const declined = await submitCard(session.url ?? '', DECLINED_CARD);
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    const invalid = await submitCard(session.url ?? '', { ...card, cardNumber: '1234' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Your card number is invalid.');
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
    });

    const paid = await submitCard(session.url ?? '');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(
      SUCCESS_URL.replace('{CHECKOUT_SESSION_ID}', session.id),
    );
    // A second submission cannot pay twice.
    expect((await submitCard(session.url ?? '')).status).toBe(409);

    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge', 'invoice'],
    });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const intent = done.payment_intent;
    if (!intent || typeof intent === 'string') throw new Error('payment_intent not expanded');
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount: 35900,
      amount_received: 35900,
      customer: customer.id,
      metadata: { product: 'sense-base' },
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.latest_charge).toMatchObject({ object: 'charge', paid: true, amount: 35900 });
    expect(done.invoice).toMatchObject({ object: 'invoice', status: 'paid', amount_paid: 35900 });

    const listed = await stripe.checkout.sessions.list({ payment_intent: intent.id });
    expect(listed.data.map((s) => s.id)).toEqual([session.id]);

    // As on Stripe, the card that paid is not saved to the customer unless the session asked.
    const methods = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(methods.data).toEqual([]);
    const paidWith = await stripe.paymentMethods.retrieve(String(intent.payment_method));
    expect(paidWith).toMatchObject({ customer: null });
    expect(paidWith.card).toMatchObject({
      brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: 2034,
    });

    const [event] = await waitFor(() => {
      const found = events('checkout.session.completed');
      return found.length > 0 ? found : undefined;
    }, 'checkout.session.completed');
    expect(event?.id).toMatch(/^evt_/);
    expect(event).toMatchObject({
      object: 'event',
      api_version: Stripe.API_VERSION,
      livemode: false,
      data: { object: { id: session.id, payment_status: 'paid' } },
    });
    const delivered = receiver.received.find((request) => request.body.includes(session.id));
    expect(delivered?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() =>
      stripe.webhooks.constructEvent(delivered?.body ?? '', delivered?.signature ?? '', 'whsec_x'),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('lists the invoice with a hosted page and a PDF', async () => {
    const customer = await newCustomer('invoice@example.com');
    await purchase(customer.id);
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data).toHaveLength(1);
    const invoice = invoices.data[0];
    expect(invoice?.number).toMatch(/^EMU-\d{4}$/);
    expect(invoice).toMatchObject({ status: 'paid', total: 35900, currency: 'usd' });

    const hosted = await fetch(invoice?.hosted_invoice_url ?? '');
    expect(hosted.status).toBe(200);
    expect(await hosted.text()).toContain(`Invoice ${invoice?.number}`);
    const pdf = await fetch(invoice?.invoice_pdf ?? '');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await stripe.invoices.retrieve(invoice?.id ?? '')).id).toBe(invoice?.id);
  });

  it('retries a failing webhook receiver with back-off until it answers 2xx', async () => {
    receiver.failNext(2);
    const customer = await newCustomer('retry@example.com');
    const { session } = await purchase(customer.id);
    const event = await waitFor(
      () =>
        events('checkout.session.completed').find(
          (e) => e.type === 'checkout.session.completed' && e.data.object.id === session.id,
        ),
      'the retried event',
    );
    const delivery = await waitFor(
      () => emulator.deliveries().find((d) => d.eventId === event.id && d.delivered),
      'the delivery record',
    );
    expect(delivery).toMatchObject({ type: 'checkout.session.completed', attempts: 3 });
    const attempts = receiver.received.filter((request) => request.body.includes(session.id));
    expect(attempts.map((request) => request.answered)).toEqual([500, 500, 200]);
  });

  it('gives up after the configured attempts when the receiver is unreachable', async () => {
    // Port 1 on loopback refuses connections; a just-closed port could be reused by another process.
    const lonely = await startStripeEmulator({
      webhookUrl: 'http://127.0.0.1:1/api/webhooks/stripe',
      webhookSecret: SECRET,
      retry: { attempts: 3, baseMs: 10 },
    });
    try {
      const client = sdk('sk_test_other', lonely.port);
      const customer = await client.customers.create({ email: 'nobody@example.com' });
      const session = await client.checkout.sessions.create({
        mode: 'setup',
        customer: customer.id,
        currency: 'usd',
        success_url: SUCCESS_URL,
      });
      expect((await submitCard(session.url ?? '')).status).toBe(303);
      await lonely.webhooksIdle();
      expect(lonely.deliveries()).toEqual([
        expect.objectContaining({ attempts: 3, delivered: false, lastStatus: null }),
      ]);
    } finally {
      await lonely.stop();
    }
  });

  it('saves the paying card to the customer only with setup_future_usage', async () => {
    const customer = await newCustomer('saver@example.com');
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [
        {
          price_data: { currency: 'usd', unit_amount: 35900, product_data: { name: 'Sense Base' } },
          quantity: 1,
        },
      ],
      success_url: SUCCESS_URL,
      payment_intent_data: { setup_future_usage: 'off_session' },
    });
    expect((await submitCard(session.url ?? '')).status).toBe(303);
    const methods = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(methods.data.map((pm) => pm.card?.last4)).toEqual(['4242']);
  });

  it('saves a card in setup mode, lists it for the customer and detaches it', async () => {
    const customer = await newCustomer('setup@example.com');
    const session = await stripe.checkout.sessions.create({
      mode: 'setup',
      customer: customer.id,
      currency: 'usd',
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
    });
    const html = await (await fetch(session.url ?? '')).text();
    expect(html).toContain('Save card</button>');
    expect((await submitCard(session.url ?? '', { ...card, cardExpiry: '07/2031' })).status).toBe(
      303,
    );

    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'no_payment_required' });
    const intent = done.setup_intent;
    if (!intent || typeof intent === 'string') throw new Error('setup_intent not expanded');
    expect(intent.id).toMatch(/^seti_/);
    expect(intent.status).toBe('succeeded');
    expect((await stripe.setupIntents.retrieve(intent.id)).payment_method).toBe(
      intent.payment_method,
    );

    const listed = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(listed.data.map((pm) => pm.id)).toEqual([intent.payment_method]);
    expect(listed.data[0]?.card).toMatchObject({ exp_month: 7, exp_year: 2031, last4: '4242' });
    const pmId = listed.data[0]?.id ?? '';
    expect(pmId).toMatch(/^pm_/);
    expect((await stripe.paymentMethods.retrieve(pmId)).customer).toBe(customer.id);

    const detached = await stripe.paymentMethods.detach(pmId);
    expect(detached.customer).toBeNull();
    expect(
      (await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })).data,
    ).toEqual([]);
  });

  it('refunds a payment: the charge is refunded and charge.refunded is sent', async () => {
    const customer = await newCustomer('refund@example.com');
    const { paymentIntent } = await purchase(customer.id);
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent });
    expect(refund).toMatchObject({ object: 'refund', status: 'succeeded', amount: 35900 });
    expect(refund.id).toMatch(/^re_/);

    const intent = await stripe.paymentIntents.retrieve(paymentIntent);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge.id).toMatch(/^ch_/);
    expect(charge).toMatchObject({ refunded: true, amount_refunded: 35900 });
    await expect(stripe.refunds.create({ payment_intent: paymentIntent })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'charge_already_refunded',
    });

    const event = await waitFor(
      () =>
        events('charge.refunded').find(
          (e) => e.type === 'charge.refunded' && e.data.object.id === charge.id,
        ),
      'charge.refunded',
    );
    expect(event.data.object).toMatchObject({ refunded: true, payment_intent: paymentIntent });
  });

  it('triggers a dispute (function and HTTP helper): charge.dispute.created is sent', async () => {
    const customer = await newCustomer('dispute@example.com');
    const first = await purchase(customer.id);
    const dispute = emulator.triggerDispute(first.paymentIntent);
    expect(dispute.id).toMatch(/^dp_/);

    const second = await purchase(customer.id);
    const response = await fetch(`${emulator.url}/_emulator/disputes`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_emulator',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `payment_intent=${second.paymentIntent}`,
    });
    expect(response.status).toBe(200);

    for (const { paymentIntent } of [first, second]) {
      const event = await waitFor(
        () =>
          events('charge.dispute.created').find(
            (e) =>
              e.type === 'charge.dispute.created' && e.data.object.payment_intent === paymentIntent,
          ),
        'charge.dispute.created',
      );
      expect(event.data.object).toMatchObject({ status: 'needs_response', amount: 35900 });
    }
  });

  it("answers a bad key with 401 and unknown ids with 404 resource_missing, in Stripe's shape", async () => {
    await expect(sdk('sk_live_wrong', emulator.port).customers.create({})).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const bare = await fetch(`${emulator.url}/v1/customers/cus_x`);
    expect(bare.status).toBe(401);
    const body: unknown = await bare.json();
    expect(body).toEqual({
      error: {
        type: 'invalid_request_error',
        message: expect.any(String),
        code: 'api_key_missing',
      },
    });

    const missing = stripe.customers.retrieve('cus_doesnotexist');
    await expect(missing).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(missing).rejects.toMatchObject({ code: 'resource_missing', statusCode: 404 });
    await expect(stripe.checkout.sessions.retrieve('cs_test_nope')).rejects.toMatchObject({
      code: 'resource_missing',
    });
    await expect(
      stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: SUCCESS_URL,
        customer: 'cus_unknown',
        line_items: [
          {
            price_data: { currency: 'usd', unit_amount: 1, product_data: { name: 'x' } },
            quantity: 1,
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'resource_missing', param: 'customer' });
  });
});
