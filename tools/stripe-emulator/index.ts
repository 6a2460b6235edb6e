/**
 * A local Stripe emulator for the demo and the tests: the part of Stripe's REST API the portal
 * uses, a hosted Checkout page, hosted invoices, and signed webhooks with retries. Point the SDK
 * at it with `new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' })`.
 *
 *   const emulator = await startStripeEmulator({ webhookUrl, webhookSecret: 'whsec_…' });
 *
 * State lives in memory. Any `sk_test_…`/`rk_test_…` key is accepted unless `apiKey` names one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { createDispute, type Context } from './actions';
import { handleApi } from './api';
import { checkoutPage } from './checkout';
import { parseForm } from './form';
import type { Page } from './html';
import { invoicePage, invoicePdf } from './invoice-page';
import { ApiError, newId, Store } from './state';
import { WebhookSender, type Delivery, type RetryPolicy } from './webhooks';
import { readBody } from '../process/http';

export type { Delivery, RetryPolicy };

export interface StripeEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Where events are POSTed; without it, events are only stored (GET /v1/events/:id). */
  webhookUrl?: string;
  webhookSecret: string;
  /** Default: 8 attempts, 500 ms doubling (0.5 s, 1 s, 2 s … between attempts). */
  retry?: Partial<RetryPolicy>;
  /** Accept only this secret key (default: any sk_test_… or rk_test_… key). */
  apiKey?: string;
}

export interface StripeEmulator {
  url: string;
  port: number;
  stop(): Promise<void>;
  deliveries(): Delivery[];
  /** Resolves when no webhook delivery is in flight or waiting to be retried. */
  webhooksIdle(): Promise<void>;
  triggerDispute(paymentIntentId: string): Stripe.Dispute;
}

const MAX_BODY = 1024 * 1024;
const IDEMPOTENCY_CACHE = 10_000;
const tooLarge = () => new ApiError(413, 'invalid_request_error', 'Request body too large.');

function authenticate(req: IncomingMessage, apiKey: string | undefined): string {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match?.[1]) {
    throw new ApiError(
      401,
      'invalid_request_error',
      "You did not provide an API key. Provide it in the Authorization header using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      'api_key_missing',
    );
  }
  const key = match[1];
  const valid = apiKey ? key === apiKey : /^(sk|rk)_test_\w+$/.test(key);
  if (!valid) {
    throw new ApiError(
      401,
      'invalid_request_error',
      `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
      'api_key_invalid',
    );
  }
  return key;
}

function jsonText(status: number, body: string, headers: Record<string, string> = {}): Page {
  return {
    status,
    headers: { 'content-type': 'application/json', 'request-id': newId('req', 14), ...headers },
    body,
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Page =>
  jsonText(status, JSON.stringify(body, null, 2), headers);

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const store = new Store();
  const retry: RetryPolicy = { attempts: 8, baseMs: 500, ...options.retry };
  const webhooks = new WebhookSender(options.webhookUrl, options.webhookSecret, retry);
  const ctx: Context = { store, webhooks, baseUrl: '' };

  async function api(req: IncomingMessage, method: string, url: URL): Promise<Page> {
    const key = authenticate(req, options.apiKey);
    const raw =
      method === 'GET' || method === 'DELETE'
        ? url.search.slice(1)
        : await readBody(req, MAX_BODY, tooLarge);
    const idempotencyKey = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    const version = {
      'stripe-version': String(req.headers['stripe-version'] ?? Stripe.API_VERSION),
    };
    if (typeof idempotencyKey !== 'string' || idempotencyKey === '') {
      return json(200, handleApi(ctx, method, url.pathname, parseForm(raw)), version);
    }
    // Same key on the same path: replay the stored answer; different parameters are an error.
    const slot = `${key}\n${url.pathname}\n${idempotencyKey}`;
    const seen = store.idempotency.get(slot);
    if (seen && seen.fingerprint !== raw) {
      throw new ApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      );
    }
    const headers = { ...version, 'idempotency-key': idempotencyKey };
    if (seen)
      return jsonText(seen.status, seen.body, { ...headers, 'idempotent-replayed': 'true' });
    const page = json(200, handleApi(ctx, method, url.pathname, parseForm(raw)), headers);
    if (store.idempotency.size >= IDEMPOTENCY_CACHE) {
      const oldest = store.idempotency.keys().next().value;
      if (oldest !== undefined) store.idempotency.delete(oldest);
    }
    store.idempotency.set(slot, { fingerprint: raw, status: page.status, body: String(page.body) });
    return page;
  }

  async function route(req: IncomingMessage): Promise<Page> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;
    if (path.startsWith('/v1/') || path.startsWith('/_emulator/')) {
      try {
        return await api(req, method, url);
      } catch (error) {
        if (error instanceof ApiError) return json(error.status, error.body());
        throw error;
      }
    }
    const checkout = /^\/checkout\/([^/]+)$/.exec(path);
    if (checkout?.[1] && (method === 'GET' || method === 'POST')) {
      const form = method === 'POST' ? parseForm(await readBody(req, MAX_BODY, tooLarge)) : {};
      return checkoutPage(ctx, method, decodeURIComponent(checkout[1]), form);
    }
    const invoice = /^\/invoices\/([^/]+)(\/pdf)?$/.exec(path);
    if (invoice?.[1] && method === 'GET') {
      const found = store.invoices.find(decodeURIComponent(invoice[1]));
      return invoice[2] ? invoicePdf(found) : invoicePage(found);
    }
    if (path === '/' && method === 'GET')
      return json(200, { emulator: 'stripe', api_version: Stripe.API_VERSION });
    return json(
      404,
      new ApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${method}: ${path}).`,
      ).body(),
    );
  }

  function respond(res: ServerResponse, page: Page): void {
    res.writeHead(page.status, page.headers);
    res.end(page.body);
  }

  const server = createServer((req, res) => {
    route(req).then(
      (page) => respond(res, page),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const status = error instanceof ApiError ? error.status : 500;
        respond(res, json(status, { error: { type: 'api_error', message } }));
      },
    );
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.baseUrl = url;

  return {
    url,
    port,
    deliveries: () => webhooks.deliveries(),
    webhooksIdle: () => webhooks.idle(),
    triggerDispute: (paymentIntentId) => createDispute(ctx, paymentIntentId),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        webhooks.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
