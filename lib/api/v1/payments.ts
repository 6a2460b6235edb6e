import { z } from 'zod';
import { isoSeconds } from '@/lib/format';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { endpointGroup } from '@/lib/http/endpoint-group';
import { PRODUCT_TYPES } from '@/lib/payments/catalogue';
import type { PaymentMethodView } from '@/lib/payments/billing';
import type { CheckoutSessionView } from '@/lib/payments/checkout';
import {
  licenseId,
  purchaseId,
  type InvoiceRow,
  type LicenseRow,
  type PurchaseRow,
} from '@/lib/payments/views';
import {
  addPaymentMethodSchema,
  checkoutSuccessSchema,
  createCheckoutSessionSchema,
  paymentMethodIdParams,
  purchaseIdParams,
} from '@/lib/validations/payments';
import { pageOnlyQuery } from '@/lib/validations/pagination';
import {
  lower,
  PAGINATION_NOTE,
  v1Answer,
  v1ErrorSchema,
  v1Errors,
  v1PageAnswer,
} from './envelope';

/**
 * /api/v1 checkout, purchases, billing and licenses (document 2): specs and presenters. Fields
 * are camelCase as document 2 writes them, ids prefixed (`purchase_1`, `license_1`), timestamps
 * ISO 8601 UTC to the second.
 */

const timestamp = (description: string) =>
  z.string().meta({ description: `${description}; ISO 8601 UTC, whole seconds` });

export const licenseSchema = z
  .object({
    id: z.string().meta({ example: 'license_789' }),
    key: z.string().meta({ description: 'XXXX-XXXX-XXXX-XXXX', example: 'ABCD-EFGH-JKLM-NPQR' }),
    productType: z.enum(PRODUCT_TYPES),
    status: z.enum(['active', 'suspended', 'revoked']).meta({
      description: 'A refund or a dispute suspends the license and its downloads',
    }),
    expiresAt: timestamp('null: never expires').nullable(),
    majorVersion: z.number().int().meta({ description: 'The major version it covers' }),
    createdAt: timestamp('Issued'),
    purchaseId: z.string().meta({ example: 'purchase_123' }),
  })
  .meta({ id: 'License' });

export const invoiceSchema = z
  .object({
    id: z.string().meta({ description: "Stripe's invoice id (in_...)" }),
    number: z.string().nullable(),
    amount: z.number().int().meta({ description: 'Smallest currency unit (cents)' }),
    currency: z.string().meta({ example: 'usd' }),
    status: z.string().meta({ description: "Stripe's invoice status: paid, open, void, ..." }),
    createdAt: timestamp('Issued'),
    hostedInvoiceUrl: z.string().nullable(),
    pdfUrl: z.string().nullable(),
    purchaseId: z.string().meta({ example: 'purchase_123' }),
  })
  .meta({ id: 'Invoice' });

export const purchaseSchema = z
  .object({
    id: z.string().meta({ example: 'purchase_123' }),
    amount: z.number().int().meta({ description: 'Smallest currency unit (cents)' }),
    currency: z.string().meta({ example: 'usd' }),
    status: z.enum(['completed', 'refunded', 'disputed']),
    items: z.array(
      z.object({
        productType: z.enum(PRODUCT_TYPES),
        description: z.string(),
        amount: z.number().int().meta({ description: 'Unit amount, smallest currency unit' }),
        quantity: z.number().int(),
      }),
    ),
    createdAt: timestamp('Paid'),
    license: licenseSchema.nullable(),
    invoice: invoiceSchema.nullable(),
  })
  .meta({ id: 'Purchase' });

export const checkoutSessionSchema = z
  .object({
    sessionId: z.string().meta({ example: 'cs_test_a1B2c3' }),
    url: z.string().meta({ description: "Stripe's hosted page: redirect the customer here" }),
    expiresAt: timestamp('The session expires'),
  })
  .meta({ id: 'CheckoutSession' });

export const paymentMethodSchema = z
  .object({
    id: z.string().meta({ example: 'pm_1Abc' }),
    brand: z.string().meta({ example: 'visa' }),
    last4: z.string().meta({ example: '4242' }),
    expMonth: z.number().int(),
    expYear: z.number().int(),
    isDefault: z.boolean(),
    createdAt: timestamp('Saved'),
  })
  .meta({ id: 'PaymentMethod' });

export function presentLicense(l: LicenseRow) {
  return {
    id: licenseId(l.id),
    key: l.key,
    productType: l.productType,
    status: lower(l.status),
    expiresAt: isoSeconds(l.expiresAt),
    majorVersion: l.majorVersion,
    createdAt: isoSeconds(l.createdAt),
    purchaseId: purchaseId(l.purchaseId),
  };
}

export function presentInvoice(i: InvoiceRow) {
  return {
    id: i.id,
    number: i.number,
    amount: i.amount,
    currency: i.currency,
    status: i.status,
    createdAt: isoSeconds(i.createdAt),
    hostedInvoiceUrl: i.hostedInvoiceUrl,
    pdfUrl: i.pdfUrl,
    purchaseId: purchaseId(i.purchaseId),
  };
}

export function presentPurchase(p: PurchaseRow) {
  return {
    id: purchaseId(p.id),
    amount: p.amount,
    currency: p.currency,
    status: lower(p.status),
    items: p.items.map((item) => ({
      productType: item.productType,
      description: item.description,
      amount: item.amount,
      quantity: item.quantity,
    })),
    createdAt: isoSeconds(p.createdAt),
    license: p.license ? presentLicense(p.license) : null,
    invoice: p.invoice ? presentInvoice(p.invoice) : null,
  };
}

export function presentCheckoutSession(s: CheckoutSessionView) {
  return { sessionId: s.sessionId, url: s.url, expiresAt: isoSeconds(s.expiresAt) };
}

export function presentPaymentMethod(pm: PaymentMethodView) {
  return {
    id: pm.id,
    brand: pm.brand,
    last4: pm.last4,
    expMonth: pm.expMonth,
    expYear: pm.expYear,
    isDefault: pm.isDefault,
    createdAt: isoSeconds(pm.createdAt),
  };
}

const { 400: e400, 404: e404 } = v1Errors;
const read = { 400: e400 };
const checkout = endpointGroup('v1', ['Checkout (v1)']);
const purchases = endpointGroup('v1', ['Purchases (v1)']);
const billing = endpointGroup('v1', ['Billing (v1)']);
const licenses = endpointGroup('v1', ['Licenses (v1)']);
const CHECKOUT_LIMIT =
  ' Limited to 10 requests a minute per customer, shared by create-session and success (429 with `Retry-After`).';

export const v1CreateCheckoutSession = checkout({
  operationId: 'v1CreateCheckoutSession',
  method: 'POST',
  path: '/api/v1/checkout/create-session',
  summary: 'Start a Stripe Checkout for Sense Base ($359)',
  description: `Document 2: \`{"items": [{"productType": "base_product"}], "successUrl", "cancelUrl"}\`. The price comes from the catalogue; \`amount\`, \`price\` and any other field a client sends are ignored. Each product type once per checkout. \`successUrl\` and \`cancelUrl\` are optional (the portal's purchase pages by default) and must be on the portal's origin or one of CHECKOUT_ALLOWED_ORIGINS, else 400 \`URL_NOT_ALLOWED\`; \`session_id={CHECKOUT_SESSION_ID}\` is appended to \`successUrl\` unless it already carries the placeholder. Redirect the customer to \`url\`, then call POST /api/v1/checkout/success with the \`sessionId\`.${CHECKOUT_LIMIT}`,
  rateLimit: 'checkout',
  body: createCheckoutSessionSchema,
  responses: { 201: v1Answer('Session created', checkoutSessionSchema), 400: e400 },
});

export const v1CheckoutSuccess = checkout({
  operationId: 'v1CheckoutSuccess',
  method: 'POST',
  path: '/api/v1/checkout/success',
  summary: 'Record a paid Checkout Session: the purchase and its license',
  description: `Document 2: \`{"sessionId": "cs_..."}\`. Asks Stripe whether the session is paid; if so records the purchase, issues its license and links its invoice, exactly once however often (and however concurrently) it is called, and whether or not Stripe's webhook came first. 200 with \`status: "completed"\`, the purchase and the license; 202 with \`status: "pending"\` and Stripe's \`paymentStatus\` while the session is unpaid (call again later). Another customer's session, or one that does not exist, is a 404. A paid session whose \`amount_total\` or \`currency\` is not the catalogue's price for the product it names (or that charged nothing for a product that costs something) is refused with 422 \`PAYMENT_MISMATCH\` and nothing is recorded.${CHECKOUT_LIMIT}`,
  rateLimit: 'checkout',
  body: checkoutSuccessSchema,
  responses: {
    200: v1Answer(
      'Paid: the purchase and its license',
      z.object({
        status: z.literal('completed'),
        purchase: purchaseSchema,
        license: licenseSchema.nullable(),
      }),
    ),
    202: v1Answer(
      'Not paid yet',
      z.object({
        status: z.literal('pending'),
        paymentStatus: z.string().meta({ description: "Stripe's payment_status: unpaid" }),
        sessionStatus: z.string().meta({ description: "Stripe's status: open or expired" }),
      }),
    ),
    ...read,
    404: e404,
    422: {
      description:
        '`PAYMENT_MISMATCH`: paid, but not the catalogue price of what it names; nothing recorded',
      schema: v1ErrorSchema,
    },
  },
});

export const v1ListPurchases = purchases({
  operationId: 'v1ListPurchases',
  method: 'GET',
  path: '/api/v1/purchases',
  summary: "The customer's purchases",
  description: `Newest first, in document 2's Purchase shape with the license and invoice embedded.${PAGINATION_NOTE}`,
  query: pageOnlyQuery,
  responses: { 200: v1PageAnswer('Purchases', purchaseSchema), ...read },
});

export const v1GetPurchase = purchases({
  operationId: 'v1GetPurchase',
  method: 'GET',
  path: '/api/v1/purchases/{id}',
  summary: 'One purchase',
  description:
    "`id` as the list shows it (`purchase_123`); any other form is a 400, another customer's purchase a 404.",
  params: purchaseIdParams,
  ownedResource: 'purchase',
  responses: { 200: v1Answer('Purchase', purchaseSchema), ...read, 404: e404 },
});

export const v1ListPaymentMethods = billing({
  operationId: 'v1ListPaymentMethods',
  method: 'GET',
  path: '/api/v1/billing/payment-methods',
  summary: "The customer's saved cards",
  description:
    'From Stripe. `data` is a plain array, not paginated (Stripe keeps at most 100 cards per customer here).',
  responses: { 200: v1Answer('Cards', z.array(paymentMethodSchema)) },
});

export const v1AddPaymentMethod = billing({
  operationId: 'v1AddPaymentMethod',
  method: 'POST',
  path: '/api/v1/billing/payment-methods',
  summary: 'Add a card: start a Stripe Checkout Session in setup mode',
  description:
    "Redirect the customer to `url`; Stripe saves the card and returns to `successUrl`. The body is optional: `successUrl` and `cancelUrl` (default: the portal's billing page) follow create-session's origin rule (400 `URL_NOT_ALLOWED`); other fields are refused with 400. Call GET /api/v1/billing/payment-methods once the customer is back.",
  body: addPaymentMethodSchema,
  bodyOptional: true,
  responses: { 201: v1Answer('Setup session created', checkoutSessionSchema), 400: e400 },
});

export const v1RemovePaymentMethod = billing({
  operationId: 'v1RemovePaymentMethod',
  method: 'DELETE',
  path: '/api/v1/billing/payment-methods/{id}',
  summary: 'Remove a saved card',
  description:
    "Detaches the card from the customer in Stripe. 200 with `{id, removed: true}`. Another customer's card, or one already removed, is a 404; an id not shaped `pm_...` a 400.",
  params: paymentMethodIdParams,
  ownedResource: 'payment_method',
  responses: {
    200: v1Answer('Removed', z.object({ id: z.string(), removed: z.literal(true) })),
    ...read,
    404: e404,
  },
});

export const v1ListInvoices = billing({
  operationId: 'v1ListInvoices',
  method: 'GET',
  path: '/api/v1/billing/invoices',
  summary: 'Invoices and receipts of purchases',
  description: `Newest first, with links to Stripe's hosted invoice and its PDF.${PAGINATION_NOTE}`,
  query: pageOnlyQuery,
  responses: { 200: v1PageAnswer('Invoices', invoiceSchema), ...read },
});

export const v1ListLicenses = licenses({
  operationId: 'v1ListLicenses',
  method: 'GET',
  path: '/api/v1/licenses',
  summary: "The customer's license keys",
  description:
    "Newest first, in document 2's License shape. `data` is a plain array, not paginated (one license per purchase).",
  responses: { 200: v1Answer('Licenses', z.array(licenseSchema)) },
});

export const v1PaymentEndpoints: EndpointSpec[] = [
  v1CreateCheckoutSession,
  v1CheckoutSuccess,
  v1ListPurchases,
  v1GetPurchase,
  v1ListPaymentMethods,
  v1AddPaymentMethod,
  v1RemovePaymentMethod,
  v1ListInvoices,
  v1ListLicenses,
];
