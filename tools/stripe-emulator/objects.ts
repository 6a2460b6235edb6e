/**
 * Typed factories for Customer, Checkout Session and Invoice: complete objects of the SDK's
 * own types (no casts), so the compiler flags drift from Stripe's shapes.
 */
import type Stripe from 'stripe';
import { newId, now, type SessionLine } from './state';

export interface CustomerInput {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Stripe.Metadata;
}

export function customer(input: CustomerInput): Stripe.Customer {
  return {
    id: newId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    email: input.email,
    invoice_prefix: newId('x', 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export interface SessionInput {
  mode: 'payment' | 'setup';
  customer: Stripe.Customer | null;
  customerEmail: string | null;
  currency: string | null;
  lines: SessionLine[];
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  metadata: Stripe.Metadata;
  invoiceCreation: boolean;
  invoiceMetadata: Stripe.Metadata;
  invoiceDescription: string | null;
  baseUrl: string;
}

export function checkoutSession(input: SessionInput): Stripe.Checkout.Session {
  const id = newId('cs_test', 58);
  const created = now();
  const total = input.lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
  const payment = input.mode === 'payment';
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: payment ? { enabled: false } : null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: payment ? total : null,
    amount_total: payment ? total : null,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: input.customer?.id ?? null,
    customer_account: null,
    customer_creation: input.customer ? null : 'if_required',
    customer_details: input.customer
      ? {
          address: null,
          business_name: null,
          email: input.customer.email,
          individual_name: null,
          name: input.customer.name ?? null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: created + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: payment
      ? {
          enabled: input.invoiceCreation,
          invoice_data: {
            account_tax_ids: null,
            custom_fields: null,
            description: input.invoiceDescription,
            footer: null,
            issuer: null,
            metadata: input.invoiceMetadata,
            rendering_options: null,
          },
        }
      : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: input.metadata,
    mode: input.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: payment ? 'if_required' : 'always',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: payment ? 'unpaid' : 'no_payment_required',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: input.successUrl,
    total_details: payment ? { amount_discount: 0, amount_shipping: 0, amount_tax: 0 } : null,
    ui_mode: 'hosted_page',
    url: `${input.baseUrl}/checkout/${id}`,
    wallet_options: null,
  };
}

function invoiceLine(line: SessionLine, invoiceId: string, at: number): Stripe.InvoiceLineItem {
  const amount = line.unitAmount * line.quantity;
  return {
    id: newId('il'),
    object: 'line_item',
    amount,
    currency: line.currency,
    description: line.name,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent: null,
    period: { end: at, start: at },
    pretax_credit_amounts: [],
    pricing: null,
    quantity: line.quantity,
    quantity_decimal: null,
    subscription: null,
    subtotal: amount,
    taxes: [],
  };
}

/** A paid invoice for a completed payment-mode session (`invoice_creation[enabled]=true`). */
export function paidInvoice(
  session: Stripe.Checkout.Session,
  lines: SessionLine[],
  customer: Stripe.Customer | null,
  number: string,
  baseUrl: string,
): Stripe.Invoice {
  const id = newId('in');
  const at = now();
  const total = session.amount_total ?? 0;
  const data = session.invoice_creation?.invoice_data;
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Stripe emulator',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: total,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: true,
    auto_advance: false,
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at: null,
    billing_reason: 'manual',
    collection_method: 'charge_automatically',
    created: at,
    currency: session.currency ?? 'usd',
    custom_fields: null,
    customer: customer?.id ?? null,
    customer_account: null,
    customer_address: null,
    customer_email: customer?.email ?? session.customer_email,
    customer_name: customer?.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: data?.description ?? null,
    discounts: [],
    due_date: null,
    effective_at: at,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `${baseUrl}/invoices/${id}`,
    invoice_pdf: `${baseUrl}/invoices/${id}/pdf`,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: 'list',
      data: lines.map((line) => invoiceLine(line, id, at)),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    livemode: false,
    metadata: data?.metadata ?? {},
    next_payment_attempt: null,
    number,
    on_behalf_of: null,
    parent: null,
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: at,
    period_start: at,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'paid',
    status_transitions: {
      finalized_at: at,
      marked_uncollectible_at: null,
      paid_at: at,
      voided_at: null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: at,
  };
}
