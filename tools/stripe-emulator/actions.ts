/**
 * What happens behind the API: completing a Checkout Session, refunding, disputing. Each one
 * updates the store and sends the event Stripe would send.
 */
import type Stripe from 'stripe';
import { chargeRefundedEvent, dispute, disputeCreatedEvent, sessionCompletedEvent } from './events';
import { paidInvoice } from './objects';
import * as payments from './payments';
import { ApiError, newId, type Store } from './state';
import type { WebhookSender } from './webhooks';

export interface Context {
  store: Store;
  webhooks: WebhookSender;
  baseUrl: string;
}

const idOf = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The card form succeeded: create what Stripe creates, mark the session complete, notify. */
export function completeCheckout(
  ctx: Context,
  session: Stripe.Checkout.Session,
  card: payments.CardInput,
): Stripe.Checkout.Session {
  const { store } = ctx;
  const extras = store.sessionExtras.get(session.id);
  const customerId = idOf(session.customer);
  const customer = customerId ? store.customers.get(customerId) : null;
  // As on Stripe: a card that pays is saved to the customer only when the session asked for it
  // (payment_intent_data[setup_future_usage]); a setup session always saves it.
  const saved = session.mode === 'setup' || extras?.saveCard === true;
  const method = store.paymentMethods.set(payments.paymentMethod(card, saved ? customerId : null));
  const completed: Stripe.Checkout.Session = { ...session, status: 'complete' };
  completed.customer_details = {
    address: null,
    business_name: null,
    email: customer?.email ?? session.customer_email,
    individual_name: null,
    name: card.name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };

  if (session.mode === 'setup') {
    const intent = payments.setupIntent(method, customerId, session.metadata ?? {});
    store.setupIntents.set(intent);
    completed.setup_intent = intent.id;
  } else {
    const input: payments.PaymentInput = {
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'usd',
      customer: customerId,
      paymentMethod: method,
      description: extras?.intentDescription ?? null,
      metadata: extras?.intentMetadata ?? {},
    };
    const chargeId = newId('ch');
    const intent = store.paymentIntents.set(payments.paymentIntent(input, chargeId));
    store.charges.set(payments.charge(input, chargeId, intent.id));
    completed.payment_intent = intent.id;
    completed.payment_status = 'paid';
    if (session.invoice_creation?.enabled) {
      const number = store.nextInvoiceNumber();
      const invoice = paidInvoice(completed, extras?.lines ?? [], customer, number, ctx.baseUrl);
      invoice.default_payment_method = method.id;
      store.invoices.set(invoice);
      completed.invoice = invoice.id;
    }
  }
  store.sessions.set(completed);
  const event = store.events.set(sessionCompletedEvent(completed, ctx.webhooks.endpoints));
  ctx.webhooks.send(event);
  return completed;
}

function chargeOf(ctx: Context, paymentIntentId: string, param: string): Stripe.Charge {
  const intent = ctx.store.paymentIntents.get(paymentIntentId, param);
  const chargeId = idOf(intent.latest_charge);
  if (!chargeId) {
    throw new ApiError(
      400,
      'invalid_request_error',
      'This PaymentIntent has no charge.',
      undefined,
      param,
    );
  }
  return ctx.store.charges.get(chargeId);
}

export interface RefundInput {
  paymentIntent?: string;
  charge?: string;
  amount?: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Stripe.Metadata;
}

/** Refunds all (or `amount` of) what is left on the charge, then sends `charge.refunded`. */
export function createRefund(ctx: Context, input: RefundInput): Stripe.Refund {
  const target = input.charge
    ? ctx.store.charges.get(input.charge, 'charge')
    : chargeOf(ctx, input.paymentIntent ?? '', 'payment_intent');
  const left = target.amount - target.amount_refunded;
  if (left <= 0) {
    throw new ApiError(
      400,
      'invalid_request_error',
      `Charge ${target.id} has already been refunded.`,
      'charge_already_refunded',
    );
  }
  const amount = input.amount ?? left;
  if (!Number.isInteger(amount) || amount <= 0 || amount > left) {
    throw new ApiError(
      400,
      'invalid_request_error',
      `Refund amount (${amount}) is greater than the unrefunded amount on the charge (${left}).`,
      'amount_too_large',
      'amount',
    );
  }
  const refund = ctx.store.refunds.set(
    payments.refund(target, amount, input.reason, input.metadata),
  );
  const previous = { amount_refunded: target.amount_refunded, refunded: target.refunded };
  const updated: Stripe.Charge = {
    ...target,
    amount_refunded: target.amount_refunded + amount,
    refunded: target.amount_refunded + amount === target.amount,
  };
  ctx.store.charges.set(updated);
  const event = ctx.store.events.set(
    chargeRefundedEvent(updated, previous, ctx.webhooks.endpoints),
  );
  ctx.webhooks.send(event);
  return refund;
}

/** Test helper: the cardholder disputes the payment; sends `charge.dispute.created`. */
export function createDispute(ctx: Context, paymentIntentId: string): Stripe.Dispute {
  const target = chargeOf(ctx, paymentIntentId, 'payment_intent');
  if (target.disputed) {
    throw new ApiError(400, 'invalid_request_error', `Charge ${target.id} is already disputed.`);
  }
  const created = ctx.store.disputes.set(dispute(target, paymentIntentId));
  ctx.store.charges.set({ ...target, disputed: true });
  const event = ctx.store.events.set(disputeCreatedEvent(created, ctx.webhooks.endpoints));
  ctx.webhooks.send(event);
  return created;
}
