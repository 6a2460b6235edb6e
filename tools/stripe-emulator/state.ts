/**
 * The emulator's in-memory state: every object it has created, by id, plus the idempotency cache.
 */
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id (`cus_…`, `cs_test_…`) with a CSPRNG body. */
export function newId(prefix: string, length = 24): string {
  // Bytes >= 248 (4 × 62) are rejected so that every character is equally likely.
  let body = '';
  while (body.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && body.length < length) body += ALPHABET[byte % 62];
    }
  }
  return `${prefix}_${body}`;
}

export const now = (): number => Math.floor(Date.now() / 1000);

/** An API error, rendered in Stripe's shape: `{"error": {"type", "message", "code", "param"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  body(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) error.code = this.code;
    if (this.param) error.param = this.param;
    return { error };
  }
}

export const invalid = (message: string, param?: string): ApiError =>
  new ApiError(400, 'invalid_request_error', message, 'parameter_invalid', param);

export const missingParam = (param: string): ApiError =>
  new ApiError(
    400,
    'invalid_request_error',
    `Missing required param: ${param}.`,
    'parameter_missing',
    param,
  );

/** A Checkout line item as the page and the invoice need it. */
export interface SessionLine {
  name: string;
  unitAmount: number;
  quantity: number;
  currency: string;
}

/** What a session was created with that its Stripe object does not carry. */
export interface SessionExtras {
  lines: SessionLine[];
  intentDescription: string | null;
  intentMetadata: Stripe.Metadata;
  /** payment_intent_data[setup_future_usage] was set: a paid card is saved to the customer. */
  saveCard: boolean;
}

export interface IdempotentResult {
  fingerprint: string;
  status: number;
  body: string;
}

/** Maps whose `get` throws Stripe's 404 `resource_missing` for unknown ids. */
export class Table<T extends { id: string; created: number }> {
  private readonly rows = new Map<string, T>();
  constructor(private readonly noun: string) {}

  get(id: string, param = 'id'): T {
    return this.lookup(id, 404, param);
  }

  /** A referenced id in a request parameter: Stripe answers 400 rather than 404. */
  ref(id: string, param: string): T {
    return this.lookup(id, 400, param);
  }

  private lookup(id: string, status: number, param: string): T {
    const row = this.rows.get(id);
    if (!row) {
      throw new ApiError(
        status,
        'invalid_request_error',
        `No such ${this.noun}: '${id}'`,
        'resource_missing',
        param,
      );
    }
    return row;
  }

  find(id: string): T | undefined {
    return this.rows.get(id);
  }

  set(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  /** Newest first, as Stripe lists. */
  all(): T[] {
    return [...this.rows.values()].reverse();
  }
}

export class Store {
  readonly customers = new Table<Stripe.Customer>('customer');
  readonly sessions = new Table<Stripe.Checkout.Session>('checkout.session');
  readonly paymentMethods = new Table<Stripe.PaymentMethod>('PaymentMethod');
  readonly paymentIntents = new Table<Stripe.PaymentIntent>('payment_intent');
  readonly setupIntents = new Table<Stripe.SetupIntent>('setupintent');
  readonly invoices = new Table<Stripe.Invoice>('invoice');
  readonly charges = new Table<Stripe.Charge>('charge');
  readonly refunds = new Table<Stripe.Refund>('refund');
  readonly disputes = new Table<Stripe.Dispute>('dispute');
  readonly events = new Table<Stripe.Event>('event');
  readonly sessionExtras = new Map<string, SessionExtras>();
  readonly idempotency = new Map<string, IdempotentResult>();
  private invoiceCount = 0;

  nextInvoiceNumber(): string {
    this.invoiceCount += 1;
    return `EMU-${String(this.invoiceCount).padStart(4, '0')}`;
  }
}

/** Stripe's list envelope with `limit` (1–100, default 10) and `starting_after` cursors. */
export function page<T extends { id: string }>(
  rows: T[],
  url: string,
  limit = 10,
  startingAfter?: string,
): Stripe.ApiList<T> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw invalid('Invalid integer: limit must be between 1 and 100', 'limit');
  }
  let start = 0;
  if (startingAfter) {
    const index = rows.findIndex((row) => row.id === startingAfter);
    if (index < 0) throw invalid(`No such object: '${startingAfter}'`, 'starting_after');
    start = index + 1;
  }
  const data = rows.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < rows.length, url };
}
