/**
 * Webhook delivery, signed as Stripe signs: `Stripe-Signature: t=<unix ts>,v1=<hex HMAC-SHA256 of
 * "<ts>.<raw body>" keyed with the whole whsec_… secret>`, re-signed on every attempt. A non-2xx
 * answer or an unreachable receiver is retried with exponential back-off (baseMs, 2×, 4×, …) up to
 * `attempts` tries in all.
 */
import { createHmac } from 'node:crypto';
import type Stripe from 'stripe';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
}

export interface Delivery {
  eventId: string;
  type: string;
  attempts: number;
  delivered: boolean;
  /** The receiver's last HTTP status, or null when it could not be reached. */
  lastStatus: number | null;
}

export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8');
  return `t=${timestamp},v1=${signature.digest('hex')}`;
}

const ATTEMPT_TIMEOUT_MS = 10_000;

export class WebhookSender {
  private readonly records: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string | undefined,
    private readonly secret: string,
    private readonly retry: RetryPolicy,
  ) {}

  /** How many endpoints an event goes to (Stripe's `pending_webhooks`). */
  get endpoints(): number {
    return this.url ? 1 : 0;
  }

  send(event: Stripe.Event): void {
    if (!this.url) return;
    const record: Delivery = {
      eventId: event.id,
      type: event.type,
      attempts: 0,
      delivered: false,
      lastStatus: null,
    };
    this.records.push(record);
    // Stripe sends the event JSON pretty-printed; the signature covers these exact bytes.
    this.attempt(this.url, record, JSON.stringify(event, null, 2));
  }

  deliveries(): Delivery[] {
    return this.records.map((record) => ({ ...record }));
  }

  /** Resolves once no delivery is in flight or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 20))]);
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
  }

  private attempt(url: string, record: Delivery, payload: string): void {
    const run = this.post(url, record, payload).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async post(url: string, record: Delivery, payload: string): Promise<void> {
    record.attempts += 1;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, this.secret, Math.floor(Date.now() / 1000)),
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      record.lastStatus = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        record.delivered = true;
        return;
      }
    } catch {
      record.lastStatus = null;
    }
    if (this.abort.signal.aborted || record.attempts >= this.retry.attempts) return;
    const delay = this.retry.baseMs * 2 ** (record.attempts - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.attempt(url, record, payload);
    }, delay);
    this.timers.add(timer);
  }
}
