/**
 * The `/v1` routes the portal uses. Each handler reads a parsed form (query string for GET, body
 * for POST) and returns an SDK-typed object; errors are thrown as `ApiError`.
 */
import type Stripe from 'stripe';
import { createDispute, createRefund, type Context } from './actions';
import * as expand from './expand';
import {
  absoluteUrl,
  bool,
  int,
  known,
  metadata,
  obj,
  objects,
  required,
  str,
  strings,
  type FormObject,
} from './form';
import { checkoutSession, customer } from './objects';
import {
  ApiError,
  invalid,
  missingParam,
  page,
  type SessionLine,
  type Store,
  type Table,
} from './state';

type Handler = (ctx: Context, form: FormObject, params: string[]) => unknown;

const paths = (form: FormObject): string[] => strings(form, 'expand');
const pageOf = <T extends { id: string }>(form: FormObject, rows: T[], url: string) =>
  page(rows, url, int(form, 'limit') ?? 10, str(form, 'starting_after'));

function lineItems(form: FormObject): { lines: SessionLine[]; currency: string | null } {
  const lines = objects(form, 'line_items').map((item, index): SessionLine => {
    const param = `line_items[${index}]`;
    if (str(item, 'price'))
      throw invalid('The emulator supports price_data only.', `${param}[price]`);
    const priceData = obj(item, 'price_data');
    if (!priceData) throw missingParam(`${param}[price_data]`);
    const unitAmount = int(priceData, 'unit_amount');
    const quantity = int(item, 'quantity') ?? Number.NaN;
    const name = str(obj(priceData, 'product_data') ?? {}, 'name');
    if (unitAmount === undefined || !(unitAmount >= 0)) {
      throw invalid('Invalid integer', `${param}[price_data][unit_amount]`);
    }
    if (!(quantity >= 1)) throw invalid('Invalid integer', `${param}[quantity]`);
    if (!name) throw missingParam(`${param}[price_data][product_data][name]`);
    const currency = required(priceData, 'currency').toLowerCase();
    return { name, unitAmount, quantity, currency };
  });
  const currencies = new Set(lines.map((line) => line.currency));
  if (currencies.size > 1) throw invalid('All line items must share one currency.', 'line_items');
  return { lines, currency: lines[0]?.currency ?? null };
}

function createSession(ctx: Context, form: FormObject): Stripe.Checkout.Session {
  known(form, [
    'mode',
    'customer',
    'customer_email',
    'currency',
    'line_items',
    'success_url',
    'cancel_url',
    'metadata',
    'client_reference_id',
    'invoice_creation',
    'payment_intent_data',
    'setup_intent_data',
    'payment_method_types',
    'ui_mode',
  ]);
  const mode = required(form, 'mode');
  if (mode !== 'payment' && mode !== 'setup') {
    throw invalid(`The emulator supports mode=payment and mode=setup, not ${mode}.`, 'mode');
  }
  const successUrl = absoluteUrl(form, 'success_url');
  if (!successUrl) throw missingParam('success_url');
  const customerId = str(form, 'customer');
  const owner = customerId ? ctx.store.customers.ref(customerId, 'customer') : null;
  const { lines, currency } = lineItems(form);
  if (mode === 'payment' && lines.length === 0) throw missingParam('line_items');
  if (mode === 'setup' && lines.length > 0) {
    throw invalid('line_items is not allowed in setup mode.', 'line_items');
  }
  const invoiceCreation = obj(form, 'invoice_creation') ?? {};
  const invoiceData = obj(invoiceCreation, 'invoice_data') ?? {};
  const intentData = obj(form, mode === 'payment' ? 'payment_intent_data' : 'setup_intent_data');
  if (mode === 'setup' && (form.invoice_creation || form.payment_intent_data)) {
    throw invalid('invoice_creation and payment_intent_data need mode=payment.', 'mode');
  }
  const session = checkoutSession({
    mode,
    customer: owner,
    customerEmail: owner ? null : (str(form, 'customer_email') ?? null),
    currency: currency ?? str(form, 'currency')?.toLowerCase() ?? null,
    lines,
    successUrl,
    cancelUrl: absoluteUrl(form, 'cancel_url'),
    clientReferenceId: str(form, 'client_reference_id') ?? null,
    metadata: metadata(form),
    invoiceCreation: bool(invoiceCreation, 'enabled') ?? false,
    invoiceMetadata: metadata(invoiceData),
    invoiceDescription: str(invoiceData, 'description') ?? null,
    baseUrl: ctx.baseUrl,
  });
  ctx.store.sessionExtras.set(session.id, {
    lines,
    intentDescription: (intentData && str(intentData, 'description')) ?? null,
    intentMetadata: intentData ? metadata(intentData) : {},
    saveCard: mode === 'payment' && !!intentData && !!str(intentData, 'setup_future_usage'),
  });
  return expand.session(ctx.store, ctx.store.sessions.set(session), paths(form));
}

function updateCustomer(ctx: Context, form: FormObject, id: string): Stripe.Customer {
  known(form, ['email', 'name', 'description', 'phone', 'metadata', 'invoice_settings']);
  const current = ctx.store.customers.get(id);
  const updated: Stripe.Customer = {
    ...current,
    email: str(form, 'email') ?? current.email,
    name: str(form, 'name') ?? current.name,
    description: str(form, 'description') ?? current.description,
    phone: str(form, 'phone') ?? current.phone,
    metadata: metadata(form, current.metadata),
  };
  const settings = obj(form, 'invoice_settings');
  const pm = settings && str(settings, 'default_payment_method');
  if (pm !== undefined) {
    if (pm && ctx.store.paymentMethods.ref(pm, 'default_payment_method').customer !== id) {
      throw invalid(`The payment method ${pm} is not attached to ${id}.`, 'default_payment_method');
    }
    updated.invoice_settings = { ...current.invoice_settings, default_payment_method: pm || null };
  }
  return ctx.store.customers.set(updated);
}

/**
 * `GET url`: the rows of `table`, newest first, narrowed by the query parameters `filters` (each
 * equal to the row's field of that name), paged and expanded.
 */
function listed<T extends { id: string; created: number }>(
  url: string,
  table: (store: Store) => Table<T>,
  filters: (keyof T & string)[],
  one: (store: Store, row: T, paths: string[]) => T,
): Handler {
  return (ctx, form) => {
    const wanted = filters.map((field) => [field, str(form, field)] as const);
    const rows = table(ctx.store)
      .all()
      .filter((row) => wanted.every(([field, value]) => !value || row[field] === value));
    return expand.list(pageOf(form, rows, url), paths(form), (row, sub) =>
      one(ctx.store, row, sub),
    );
  };
}

function listPaymentMethods(ctx: Context, form: FormObject, customerId?: string) {
  const owner = customerId ?? str(form, 'customer');
  if (owner) ctx.store.customers.ref(owner, 'customer');
  const type = str(form, 'type');
  const rows = ctx.store.paymentMethods
    .all()
    .filter((pm) => pm.customer === owner && (!type || pm.type === type));
  const url = customerId ? `/v1/customers/${customerId}/payment_methods` : '/v1/payment_methods';
  return expand.list(pageOf(form, rows, url), paths(form), (pm, sub) =>
    expand.paymentMethod(ctx.store, pm, sub),
  );
}

function detach(ctx: Context, id: string): Stripe.PaymentMethod {
  const pm = ctx.store.paymentMethods.get(id);
  const owner = typeof pm.customer === 'string' ? pm.customer : pm.customer?.id;
  if (!owner) {
    throw invalid(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
    );
  }
  const holder = ctx.store.customers.find(owner);
  if (holder?.invoice_settings.default_payment_method === id) {
    ctx.store.customers.set({
      ...holder,
      invoice_settings: { ...holder.invoice_settings, default_payment_method: null },
    });
  }
  return ctx.store.paymentMethods.set({ ...pm, customer: null });
}

const ROUTES: [string, RegExp, Handler][] = [
  [
    'POST',
    /^\/v1\/customers$/,
    (ctx, form) => {
      known(form, ['email', 'name', 'description', 'phone', 'metadata']);
      return ctx.store.customers.set(
        customer({
          email: str(form, 'email') ?? null,
          name: str(form, 'name') ?? null,
          description: str(form, 'description') ?? null,
          phone: str(form, 'phone') ?? null,
          metadata: metadata(form),
        }),
      );
    },
  ],
  ['GET', /^\/v1\/customers\/([^/]+)$/, (ctx, _f, [id = '']) => ctx.store.customers.get(id)],
  ['POST', /^\/v1\/customers\/([^/]+)$/, (ctx, form, [id = '']) => updateCustomer(ctx, form, id)],
  [
    'GET',
    /^\/v1\/customers\/([^/]+)\/payment_methods$/,
    (ctx, form, [id = '']) => {
      ctx.store.customers.get(id);
      return listPaymentMethods(ctx, form, id);
    },
  ],
  ['POST', /^\/v1\/checkout\/sessions$/, (ctx, form) => createSession(ctx, form)],
  [
    'GET',
    /^\/v1\/checkout\/sessions$/,
    listed(
      '/v1/checkout/sessions',
      (store) => store.sessions,
      ['payment_intent', 'customer'],
      expand.session,
    ),
  ],
  [
    'GET',
    /^\/v1\/checkout\/sessions\/([^/]+)$/,
    (ctx, form, [id = '']) => expand.session(ctx.store, ctx.store.sessions.get(id), paths(form)),
  ],
  ['GET', /^\/v1\/payment_methods$/, (ctx, form) => listPaymentMethods(ctx, form)],
  [
    'GET',
    /^\/v1\/payment_methods\/([^/]+)$/,
    (ctx, form, [id = '']) =>
      expand.paymentMethod(ctx.store, ctx.store.paymentMethods.get(id), paths(form)),
  ],
  ['POST', /^\/v1\/payment_methods\/([^/]+)\/detach$/, (ctx, _f, [id = '']) => detach(ctx, id)],
  [
    'GET',
    /^\/v1\/payment_intents\/([^/]+)$/,
    (ctx, form, [id = '']) =>
      expand.paymentIntent(ctx.store, ctx.store.paymentIntents.get(id), paths(form)),
  ],
  [
    'GET',
    /^\/v1\/setup_intents\/([^/]+)$/,
    (ctx, form, [id = '']) =>
      expand.setupIntent(ctx.store, ctx.store.setupIntents.get(id), paths(form)),
  ],
  [
    'GET',
    /^\/v1\/invoices$/,
    listed('/v1/invoices', (store) => store.invoices, ['customer', 'status'], expand.invoice),
  ],
  [
    'GET',
    /^\/v1\/invoices\/([^/]+)$/,
    (ctx, form, [id = '']) => expand.invoice(ctx.store, ctx.store.invoices.get(id), paths(form)),
  ],
  [
    'GET',
    /^\/v1\/charges\/([^/]+)$/,
    (ctx, form, [id = '']) => expand.charge(ctx.store, ctx.store.charges.get(id), paths(form)),
  ],
  [
    'POST',
    /^\/v1\/refunds$/,
    (ctx, form) => {
      known(form, ['payment_intent', 'charge', 'amount', 'reason', 'metadata']);
      const [paymentIntent, charge] = [str(form, 'payment_intent'), str(form, 'charge')];
      if (!paymentIntent && !charge) throw missingParam('payment_intent');
      const reason = str(form, 'reason') ?? null;
      const amount = int(form, 'amount');
      const refund = createRefund(ctx, {
        paymentIntent,
        charge,
        amount,
        reason,
        metadata: metadata(form),
      });
      return expand.refund(ctx.store, refund, paths(form));
    },
  ],
  [
    'GET',
    /^\/v1\/refunds\/([^/]+)$/,
    (ctx, form, [id = '']) => expand.refund(ctx.store, ctx.store.refunds.get(id), paths(form)),
  ],
  ['GET', /^\/v1\/events\/([^/]+)$/, (ctx, _f, [id = '']) => ctx.store.events.get(id)],
  // Emulator-only test helper: the cardholder disputes a payment (sends charge.dispute.created).
  [
    'POST',
    /^\/_emulator\/disputes$/,
    (ctx, form) => createDispute(ctx, required(form, 'payment_intent')),
  ],
];

export function handleApi(ctx: Context, method: string, path: string, form: FormObject): unknown {
  for (const [routeMethod, pattern, handler] of ROUTES) {
    const match = pattern.exec(path);
    if (match && routeMethod === method) {
      return handler(ctx, form, match.slice(1).map(decodeURIComponent));
    }
  }
  throw new ApiError(
    404,
    'invalid_request_error',
    `Unrecognized request URL (${method}: ${path}). The Stripe emulator implements only the part of the API the portal uses.`,
  );
}
