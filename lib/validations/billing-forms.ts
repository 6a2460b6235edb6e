import { z } from 'zod';
import { PRODUCT_TYPES } from '@/lib/payments/catalogue';

/**
 * The portal pages' forms and query strings for purchases, billing and downloads. The JSON API
 * has its own schemas (lib/validations/payments.ts); these only read what the pages post.
 */

/** The buy button: a product type, never a price (the catalogue decides what it costs). */
export const buyFormSchema = z.object({
  productType: z.enum(PRODUCT_TYPES).default('base_product'),
});

/** "Add a card" posts nothing but the action itself. */
export const addCardFormSchema = z.object({});

/** A Stripe payment method id, as the billing domain accepts it. */
export const removeCardFormSchema = z.object({
  paymentMethodId: z
    .string()
    .regex(/^pm_[A-Za-z0-9_]{1,200}$/, 'is not a payment method id')
    .meta({ description: 'The card to remove' }),
});

/** One file of one release: `software_v2` and a platform such as `linux-x64`. */
export const downloadFormSchema = z.object({
  releaseId: z.string().regex(/^software_v[1-9][0-9]{0,3}$/, 'is not a release id'),
  platform: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'is not a platform'),
});

/** `?page=` on the portal's lists; anything unreadable is page 1. */
export const pageQuery = z.coerce.number().int().min(1).max(100_000).catch(1);

/** `?session_id=` on the success page: a Checkout Session id, else the page is a 404. */
export const checkoutSessionIdQuery = z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/);
