/**
 * `expand[]`: replace an id with its object, typed per object (`payment_intent`,
 * `payment_intent.latest_charge`, and `data.…` on lists). Unknown paths get Stripe's 400.
 */
import type Stripe from 'stripe';
import { ApiError, type Store } from './state';

type Paths = string[];

/** Sub-paths under `field` when it is expanded, else null; rejects fields not in `allowed`. */
function under(paths: Paths, field: string): Paths | null {
  const hits = paths.filter((path) => path === field || path.startsWith(`${field}.`));
  if (hits.length === 0) return null;
  return hits.map((path) => path.slice(field.length + 1)).filter(Boolean);
}

function allow(paths: Paths, allowed: string[]): void {
  for (const path of paths) {
    const head = path.split('.')[0] ?? '';
    if (!allowed.includes(head)) {
      throw new ApiError(
        400,
        'invalid_request_error',
        `This property cannot be expanded (${path}).`,
        undefined,
        'expand',
      );
    }
  }
}

const id = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

export function customer(store: Store, value: string | null, paths: Paths): Stripe.Customer | null {
  allow(paths, []);
  return value ? store.customers.get(value) : null;
}

export function paymentMethod(
  store: Store,
  pm: Stripe.PaymentMethod,
  paths: Paths,
): Stripe.PaymentMethod {
  allow(paths, ['customer']);
  const out = { ...pm };
  const sub = under(paths, 'customer');
  if (sub) out.customer = customer(store, id(out.customer), sub);
  return out;
}

export function charge(store: Store, ch: Stripe.Charge, paths: Paths): Stripe.Charge {
  allow(paths, ['customer', 'payment_intent']);
  const out = { ...ch };
  let sub = under(paths, 'customer');
  if (sub) out.customer = customer(store, id(out.customer), sub);
  sub = under(paths, 'payment_intent');
  const pi = id(out.payment_intent);
  if (sub && pi) out.payment_intent = paymentIntent(store, store.paymentIntents.get(pi), sub);
  return out;
}

export function paymentIntent(
  store: Store,
  pi: Stripe.PaymentIntent,
  paths: Paths,
): Stripe.PaymentIntent {
  allow(paths, ['customer', 'latest_charge', 'payment_method']);
  const out = { ...pi };
  let sub = under(paths, 'customer');
  if (sub) out.customer = customer(store, id(out.customer), sub);
  sub = under(paths, 'latest_charge');
  const ch = id(out.latest_charge);
  if (sub && ch) out.latest_charge = charge(store, store.charges.get(ch), sub);
  sub = under(paths, 'payment_method');
  const pm = id(out.payment_method);
  if (sub && pm) out.payment_method = paymentMethod(store, store.paymentMethods.get(pm), sub);
  return out;
}

export function setupIntent(
  store: Store,
  si: Stripe.SetupIntent,
  paths: Paths,
): Stripe.SetupIntent {
  allow(paths, ['customer', 'payment_method']);
  const out = { ...si };
  let sub = under(paths, 'customer');
  if (sub) out.customer = customer(store, id(out.customer), sub);
  sub = under(paths, 'payment_method');
  const pm = id(out.payment_method);
  if (sub && pm) out.payment_method = paymentMethod(store, store.paymentMethods.get(pm), sub);
  return out;
}

export function invoice(store: Store, inv: Stripe.Invoice, paths: Paths): Stripe.Invoice {
  allow(paths, ['customer', 'default_payment_method']);
  const out = { ...inv };
  let sub = under(paths, 'customer');
  if (sub) out.customer = customer(store, id(out.customer), sub);
  sub = under(paths, 'default_payment_method');
  const pm = id(out.default_payment_method);
  if (sub && pm) {
    out.default_payment_method = paymentMethod(store, store.paymentMethods.get(pm), sub);
  }
  return out;
}

export function refund(store: Store, re: Stripe.Refund, paths: Paths): Stripe.Refund {
  allow(paths, ['charge', 'payment_intent']);
  const out = { ...re };
  let sub = under(paths, 'charge');
  const ch = id(out.charge);
  if (sub && ch) out.charge = charge(store, store.charges.get(ch), sub);
  sub = under(paths, 'payment_intent');
  const pi = id(out.payment_intent);
  if (sub && pi) out.payment_intent = paymentIntent(store, store.paymentIntents.get(pi), sub);
  return out;
}

export function session(
  store: Store,
  cs: Stripe.Checkout.Session,
  paths: Paths,
): Stripe.Checkout.Session {
  allow(paths, ['customer', 'payment_intent', 'setup_intent', 'invoice']);
  const out = { ...cs };
  let sub = under(paths, 'customer');
  if (sub) out.customer = customer(store, id(out.customer), sub);
  sub = under(paths, 'payment_intent');
  const pi = id(out.payment_intent);
  if (sub && pi) out.payment_intent = paymentIntent(store, store.paymentIntents.get(pi), sub);
  sub = under(paths, 'setup_intent');
  const si = id(out.setup_intent);
  if (sub && si) out.setup_intent = setupIntent(store, store.setupIntents.get(si), sub);
  sub = under(paths, 'invoice');
  const inv = id(out.invoice);
  if (sub && inv) out.invoice = invoice(store, store.invoices.get(inv), sub);
  return out;
}

/** `expand[]=data.x` on a list applies `x` to every item. */
export function list<T extends { id: string }>(
  page: Stripe.ApiList<T>,
  paths: Paths,
  one: (item: T, paths: Paths) => T,
): Stripe.ApiList<T> {
  allow(paths, ['data']);
  const sub = under(paths, 'data') ?? [];
  return { ...page, data: page.data.map((item) => one(item, sub)) };
}
