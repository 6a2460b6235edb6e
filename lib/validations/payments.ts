import { z } from 'zod';
import { PRODUCT_TYPES } from '@/lib/payments/catalogue';
import { prefixedIdParam } from './ids';

/**
 * The purchasing feature's schemas (checkout, purchases, billing): request
 * bodies, path ids and queries of the /api/v1 route handlers and the OpenAPI document, and the
 * portal pages' forms and query strings. No server-only imports, so pages and forms may use them.
 */

/** Stripe ids and ours, as every surface accepts them. */
export const CHECKOUT_SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
export const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9_]{1,200}$/;

const returnUrl = (field: string) =>
  z
    .string({ error: `${field} must be a URL` })
    .min(1, `${field} must not be empty`)
    .max(2048, `${field} must be at most 2048 characters`)
    .meta({
      description: `Absolute http(s) URL on the portal's origin or one of CHECKOUT_ALLOWED_ORIGINS (else 400 \`URL_NOT_ALLOWED\`)`,
    });

export const checkoutItemSchema = z
  .object({
    productType: z.enum(PRODUCT_TYPES).meta({ description: 'A product of the catalogue' }),
  })
  .meta({
    id: 'CheckoutItem',
    description:
      'One product. Prices come from the catalogue: `amount`, `price` or `quantity` sent here are ignored.',
  });

/**
 * POST /api/v1/checkout/create-session (document 2): `{items: [{productType}], successUrl?, cancelUrl?}`.
 * Unknown fields (`amount`, `price`, ...) are stripped, never used: the server prices the order.
 */
export const createCheckoutSessionSchema = z
  .object({
    items: z
      .array(checkoutItemSchema, { error: 'items must be a list of products' })
      .min(1, 'items must name one product')
      .max(10, 'items may name at most 10 products')
      .refine(
        (items) => new Set(items.map((i) => i.productType)).size === items.length,
        'items must name each product type once (one license per product and checkout)',
      ),
    successUrl: returnUrl('successUrl').optional(),
    cancelUrl: returnUrl('cancelUrl').optional(),
  })
  .meta({ id: 'CreateCheckoutSession' });

/** POST /api/v1/checkout/success (document 2): `{sessionId}`. */
export const checkoutSuccessSchema = z
  .object({
    sessionId: z
      .string({ error: 'sessionId must be a Checkout Session id' })
      .max(255, 'sessionId must be at most 255 characters')
      .regex(CHECKOUT_SESSION_ID, 'sessionId must be a Checkout Session id (cs_...)'),
  })
  .meta({ id: 'CheckoutSuccess' });

/** POST /api/v1/billing/payment-methods: where Stripe's setup page returns to (both optional). */
export const addPaymentMethodSchema = z
  .object({
    successUrl: returnUrl('successUrl').optional(),
    cancelUrl: returnUrl('cancelUrl').optional(),
  })
  .strict()
  .meta({ id: 'AddPaymentMethod' });

/** `purchase_12` in the path → 12; anything else is a 400. */
export const purchaseIdParam = prefixedIdParam('purchase', 'purchase_123');

export const purchaseIdParams = z.object({ id: purchaseIdParam });

export const paymentMethodIdParams = z.object({
  id: z
    .string()
    .regex(PAYMENT_METHOD_ID, 'must be a payment method id (pm_...)')
    .meta({ description: 'A payment method id, e.g. `pm_1Abc...`' }),
});

/** The buy button: a product type, never a price (the catalogue decides what it costs). */
export const buyFormSchema = z.object({
  productType: z.enum(PRODUCT_TYPES).default('base_product'),
});

/** "Add a card" posts nothing but the action itself. */
export const addCardFormSchema = z.object({});

/** The card to remove, as the billing page posts it. */
export const removeCardFormSchema = z.object({
  paymentMethodId: z.string().regex(PAYMENT_METHOD_ID, 'is not a payment method id'),
});

/** `?session_id=` on the success page: a Checkout Session id, else the page is a 404. */
export const checkoutSessionIdQuery = z.string().regex(CHECKOUT_SESSION_ID);
