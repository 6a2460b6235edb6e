/**
 * `expand[]`: replace an id with its object, typed per object (`payment_intent`,
 * `payment_intent.latest_charge`, and `data.…` on lists). Unknown paths get Stripe's 400.
 */
import type Stripe from 'stripe';
import { ApiError, type Store, type Table } from './state';

type Paths = string[];

/** Expands the `paths` of one object (each path a field, or `field.sub.path`). */
type Expander<T> = (store: Store, value: T, paths: Paths) => T;

/** Expands one field: the id it holds (null when it holds none) into its object. */
type Link<V> = (store: Store, ref: string | null, paths: Paths) => V;

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

const id = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  return value && typeof value === 'object' && 'id' in value && typeof value.id === 'string'
    ? value.id
    : null;
};

/** The expander of an object whose expandable fields are the keys of `links`, in that order. */
function expander<T extends object>(links: NoInfer<{ [K in keyof T]?: Link<T[K]> }>): Expander<T> {
  const fields = Object.keys(links) as (keyof T & string)[];
  return (store, value, paths) => {
    allow(paths, fields);
    const out = { ...value };
    for (const field of fields) {
      const sub = under(paths, field);
      const link = links[field];
      if (sub && link) out[field] = link(store, id(out[field]), sub);
    }
    return out;
  };
}

/**
 * A field holding the id of a row of `table` (or null). `expand` is a thunk: the expanders refer
 * to each other.
 */
function row<V extends { id: string; created: number }>(of: {
  table: (store: Store) => Table<V>;
  expand: () => Expander<V>;
}): Link<V | null> {
  const { table, expand } = of;
  return (store, ref, paths) => (ref ? expand()(store, table(store).get(ref), paths) : null);
}

export function customer(store: Store, value: string | null, paths: Paths): Stripe.Customer | null {
  allow(paths, []);
  return value ? store.customers.get(value) : null;
}

const methodRow: Link<Stripe.PaymentMethod | null> = row({
  table: (store) => store.paymentMethods,
  expand: () => paymentMethod,
});
const intentRow: Link<Stripe.PaymentIntent | null> = row({
  table: (store) => store.paymentIntents,
  expand: () => paymentIntent,
});
const chargeRow: Link<Stripe.Charge | null> = row({
  table: (store) => store.charges,
  expand: () => charge,
});

export const paymentMethod = expander<Stripe.PaymentMethod>({ customer });

export const charge = expander<Stripe.Charge>({ customer, payment_intent: intentRow });

export const paymentIntent = expander<Stripe.PaymentIntent>({
  customer,
  latest_charge: chargeRow,
  payment_method: methodRow,
});

export const setupIntent = expander<Stripe.SetupIntent>({ customer, payment_method: methodRow });

export const invoice = expander<Stripe.Invoice>({ customer, default_payment_method: methodRow });

export const refund = expander<Stripe.Refund>({ charge: chargeRow, payment_intent: intentRow });

export const session = expander<Stripe.Checkout.Session>({
  customer,
  payment_intent: intentRow,
  setup_intent: row({ table: (store) => store.setupIntents, expand: () => setupIntent }),
  invoice: row({ table: (store) => store.invoices, expand: () => invoice }),
});

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
