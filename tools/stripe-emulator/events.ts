/**
 * The events the emulator sends (one factory per type, each an exact member of `Stripe.Event`)
 * and the Dispute a test can trigger.
 */
import Stripe from 'stripe';
import { newId, now } from './state';

export function dispute(of: Stripe.Charge, intentId: string): Stripe.Dispute {
  return {
    id: newId('dp'),
    object: 'dispute',
    amount: of.amount - of.amount_refunded,
    balance_transactions: [],
    charge: of.id,
    created: now(),
    currency: of.currency,
    enhanced_eligibility_types: [],
    evidence: {
      access_activity_log: null,
      billing_address: null,
      cancellation_policy: null,
      cancellation_policy_disclosure: null,
      cancellation_rebuttal: null,
      customer_communication: null,
      customer_email_address: null,
      customer_name: of.billing_details.name,
      customer_purchase_ip: null,
      customer_signature: null,
      duplicate_charge_documentation: null,
      duplicate_charge_explanation: null,
      duplicate_charge_id: null,
      enhanced_evidence: {},
      product_description: null,
      receipt: null,
      refund_policy: null,
      refund_policy_disclosure: null,
      refund_refusal_explanation: null,
      service_date: null,
      service_documentation: null,
      shipping_address: null,
      shipping_carrier: null,
      shipping_date: null,
      shipping_documentation: null,
      shipping_tracking_number: null,
      uncategorized_file: null,
      uncategorized_text: null,
    },
    evidence_details: {
      due_by: now() + 7 * 86_400,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: intentId,
    reason: 'fraudulent',
    status: 'needs_response',
  };
}

/** An event of `type` carrying `data`; each factory below checks it against its `Stripe.Event`. */
function event<Type extends string, Data>(type: Type, data: Data, pendingWebhooks: number) {
  return {
    id: newId('evt'),
    object: 'event' as const,
    api_version: Stripe.API_VERSION,
    created: now(),
    livemode: false,
    pending_webhooks: pendingWebhooks,
    request: { id: null, idempotency_key: null },
    type,
    data,
  };
}

export const sessionCompletedEvent = (
  session: Stripe.Checkout.Session,
  pendingWebhooks: number,
): Stripe.CheckoutSessionCompletedEvent =>
  event('checkout.session.completed', { object: session }, pendingWebhooks);

export const chargeRefundedEvent = (
  charge: Stripe.Charge,
  previous: Partial<Stripe.Charge>,
  pendingWebhooks: number,
): Stripe.ChargeRefundedEvent =>
  event('charge.refunded', { object: charge, previous_attributes: previous }, pendingWebhooks);

export const disputeCreatedEvent = (
  dispute: Stripe.Dispute,
  pendingWebhooks: number,
): Stripe.ChargeDisputeCreatedEvent =>
  event('charge.dispute.created', { object: dispute }, pendingWebhooks);
