/**
 * The product catalogue. Prices live here, never in a request: a client names a product type and
 * the server decides what it costs.
 */
export const PRODUCT_TYPES = ['base_product'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export interface Product {
  type: ProductType;
  /** Shown on Stripe's Checkout page and the invoice. */
  name: string;
  /** Document 2's item description. */
  description: string;
  /** Smallest currency unit. */
  amount: number;
  currency: 'usd';
  /** The major version a purchase licenses (version-based download access). */
  majorVersion: number;
}

export const CATALOGUE: Record<ProductType, Product> = {
  base_product: {
    type: 'base_product',
    name: 'Sense Base',
    description: 'Base Software License',
    amount: 35_900,
    currency: 'usd',
    majorVersion: 2,
  },
};

export function product(type: ProductType): Product {
  return CATALOGUE[type];
}

/** "$359.00" */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(amount / 100);
}
