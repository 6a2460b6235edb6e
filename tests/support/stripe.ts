/**
 * A Stripe emulator for one integration test file, wired to the portal's real webhook code.
 *
 *   const stripe = await startTestStripe();        // in beforeAll, before anything reads getEnv()
 *   const { url } = await createPurchaseSession({ userId, productType: 'base_product' });
 *   await stripe.pay(url);                          // the hosted form, as a browser posts it
 *   await stripe.idle();                            // every webhook delivered (or given up)
 *
 * The emulator (port 0) delivers its events to a small HTTP server in the test process, which
 * hands the raw body and `Stripe-Signature` to `receiveStripeWebhook` (so signature checks and the
 * stripe_events bookkeeping really run) and answers like `POST /api/webhooks/stripe`: 200 with
 * `{received, result}`, 400 with the reason, 500 when handling threw. `down()` makes it answer 503
 * or refuse connections until `up()`, to play a portal that is away while Stripe delivers.
 *
 * The portal reads STRIPE_API_URL and STRIPE_WEBHOOK_SECRET once (getEnv() caches them), so this
 * sets both before the first getEnv() of the file and checks the portal really sees them. Call it
 * once per file (each file runs in a fresh module registry).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { httpStatus } from '@/lib/http/error-status';
import { stripe } from '@/lib/payments/stripe';
import { receiveStripeWebhook, type WebhookOutcome } from '@/lib/payments/webhook';
import {
  startStripeEmulator,
  type Delivery,
  type RetryPolicy,
  type StripeEmulator,
} from '@/tools/stripe-emulator';
import { PAYING_CARD, submitHostedPage, type CardForm } from '@/tools/stripe-emulator/test-cards';

/** What the receiver does with one delivery; the default is the real webhook code. */
export type WebhookHandler = (rawBody: string, signature: string | null) => Promise<WebhookOutcome>;

/** One request the receiver got, and what it answered. */
export interface Received {
  eventId: string | null;
  type: string | null;
  /** 503 while down; 200/400/500 from the handler otherwise. */
  status: number;
  result: string | null;
}

export type DownMode = 'unavailable' | 'refuse';

export interface TestStripe {
  emulator: StripeEmulator;
  /** The emulator's base URL (what the portal's SDK talks to). */
  url: string;
  /** Where the emulator POSTs events. */
  webhookUrl: string;
  webhookSecret: string;
  /** Requests the receiver got, in order (connections refused while down are not here). */
  received(): Received[];
  /** The emulator's own view: attempts per event, delivered or not. */
  deliveries(): Delivery[];
  /** Resolves when no delivery is in flight or waiting to be retried. */
  idle(): Promise<void>;
  /** Replaces the webhook handler (undefined: the real `receiveStripeWebhook`). */
  setHandler(handler?: WebhookHandler): void;
  /** 'unavailable': answer 503; 'refuse': stop listening (connection refused). */
  down(mode?: DownMode): Promise<void>;
  up(): Promise<void>;
  /** Posts the hosted Checkout form as a browser would (no redirect following). */
  pay(sessionUrl: string, card?: CardForm): Promise<Response>;
  /** Refunds a payment (the emulator then sends charge.refunded). */
  refund(paymentIntent: string): Promise<Stripe.Refund>;
  /** The raw JSON of a stored event (`GET /v1/events/:id`), as Stripe would send it. */
  eventPayload(eventId: string): Promise<string>;
  /** A `Stripe-Signature` header for a payload, signed now or at `timestamp` (Unix seconds). */
  sign(payload: string, timestamp?: number): string;
  stop(): Promise<void>;
}

export interface TestStripeOptions {
  webhook?: WebhookHandler;
  /** Default: 8 attempts, 40 ms doubling (about 5 s in all), so tests wait little. */
  retry?: Partial<RetryPolicy>;
}

const SECRET_KEY = 'sk_test_integration';

/** Reads a request's body as the raw string the signature covers. */
function rawBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function peek(body: string): { id: string | null; type: string | null } {
  try {
    const parsed = JSON.parse(body) as { id?: unknown; type?: unknown };
    return {
      id: typeof parsed.id === 'string' ? parsed.id : null,
      type: typeof parsed.type === 'string' ? parsed.type : null,
    };
  } catch {
    return { id: null, type: null };
  }
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    // Keep-alive sockets from the emulator would otherwise keep delivering to a closed server.
    server.closeAllConnections();
  });
}

/**
 * Points the portal's environment at an emulator. Throws when the portal had already read its
 * environment (or built its Stripe client) before: it would keep talking to another host.
 */
function pointPortalAt(apiUrl: string, webhookSecret: string): void {
  const already = (globalThis as { portalStripe?: unknown }).portalStripe !== undefined;
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_EMULATOR;
  process.env.STRIPE_API_URL = apiUrl;
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  const seen = getEnv().stripe;
  if (
    already ||
    seen.mode !== 'emulator' ||
    seen.apiUrl !== apiUrl ||
    seen.webhookSecret !== webhookSecret
  ) {
    const where = seen.mode === 'emulator' ? seen.apiUrl : 'the real Stripe API';
    throw new Error(
      `startTestStripe(): the portal already read its environment (Stripe at ${where}) before ` +
        `the emulator at ${apiUrl} started. getEnv() and the Stripe client are cached on first use, ` +
        'so call startTestStripe() first in beforeAll — before createTestUser() or anything else ' +
        'that reads the environment — and only once per test file.',
    );
  }
}

export async function startTestStripe(options: TestStripeOptions = {}): Promise<TestStripe> {
  const webhookSecret = `whsec_test_${randomBytes(12).toString('hex')}`;
  let handler: WebhookHandler = options.webhook ?? ((raw, sig) => receiveStripeWebhook(raw, sig));
  let mode: DownMode | null = null;
  const received: Received[] = [];

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await rawBody(req);
      const { id, type } = peek(body);
      const record = (status: number, result: string | null) =>
        received.push({ eventId: id, type, status, result });
      if (mode === 'unavailable') {
        record(503, null);
        answer(res, 503, { error: 'portal is down' });
        return;
      }
      const signature = req.headers['stripe-signature'];
      try {
        const outcome = await handler(body, typeof signature === 'string' ? signature : null);
        if (outcome.kind === 'refused') {
          // As the real route: a limited sender gets 429, a bad signature 400.
          const status = outcome.retryAfterSeconds === undefined ? 400 : 429;
          record(status, outcome.error);
          answer(res, status, { success: false, message: outcome.error });
        } else {
          record(200, outcome.result);
          answer(res, 200, { received: true, result: outcome.result });
        }
      } catch (error) {
        // The real route maps typed errors to their status and anything else to 500.
        const status = error instanceof AppError ? httpStatus(error) : 500;
        record(status, error instanceof Error ? error.message : String(error));
        answer(res, status, { success: false });
      }
    })();
  });
  const receiverPort = await listen(server);
  const webhookUrl = `http://127.0.0.1:${receiverPort}/api/webhooks/stripe`;

  const emulator = await startStripeEmulator({
    port: 0,
    webhookUrl,
    webhookSecret,
    retry: { attempts: 8, baseMs: 40, ...options.retry },
  });
  try {
    pointPortalAt(emulator.url, webhookSecret);
  } catch (error) {
    await emulator.stop();
    await close(server);
    throw error;
  }

  return {
    emulator,
    url: emulator.url,
    webhookUrl,
    webhookSecret,
    received: () => received.map((r) => ({ ...r })),
    deliveries: () => emulator.deliveries(),
    idle: () => emulator.webhooksIdle(),
    setHandler(next) {
      handler = next ?? ((raw, sig) => receiveStripeWebhook(raw, sig));
    },
    async down(next: DownMode = 'unavailable') {
      mode = next;
      if (next === 'refuse') await close(server);
    },
    async up() {
      const wasRefusing = mode === 'refuse';
      mode = null;
      if (wasRefusing && !server.listening) {
        try {
          await listen(server, receiverPort);
        } catch (error) {
          throw new Error(
            `the webhook receiver could not listen on port ${receiverPort} again: ${String(error)}`,
          );
        }
      }
    },
    pay: (sessionUrl, card = PAYING_CARD) => submitHostedPage(sessionUrl, card),
    refund: (paymentIntent) => stripe().refunds.create({ payment_intent: paymentIntent }),
    async eventPayload(eventId) {
      const response = await fetch(`${emulator.url}/v1/events/${encodeURIComponent(eventId)}`, {
        headers: { authorization: `Bearer ${SECRET_KEY}` },
      });
      if (!response.ok) throw new Error(`GET /v1/events/${eventId}: ${response.status}`);
      return response.text();
    },
    sign: (payload, timestamp = Math.floor(Date.now() / 1000)) =>
      Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp }),
    async stop() {
      await emulator.stop();
      await close(server);
    },
  };
}

/** Polls until `probe` returns something other than undefined (default 10 s). */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
