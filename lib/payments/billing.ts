import 'server-only';
import { readPage, type Page } from '@/lib/pagination';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { existingStripeCustomer } from './customers';
import { stripe } from './stripe';
import type { InvoiceRow } from './views';

/** Saved cards (from Stripe, scoped to the customer's Stripe customer) and the invoices of purchases. */
export interface PaymentMethodView {
  id: string;
  /** Stripe's brand code (`visa`, `amex`, `eftpos_au` ...). */
  brand: string;
  /** The brand as people write it: `American Express`. */
  brandName: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  /** Past its expiry month. */
  expired: boolean;
  createdAt: Date;
}

const BRAND_NAMES: Record<string, string> = {
  amex: 'American Express',
  cartes_bancaires: 'Cartes Bancaires',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'eftpos Australia',
  jcb: 'JCB',
  link: 'Link',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

/** A card is good through the last day of its expiry month. */
function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  return expYear * 12 + expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

export async function listPaymentMethods(
  userId: number,
  now: Date = new Date(),
): Promise<PaymentMethodView[]> {
  const customerId = await existingStripeCustomer(userId);
  if (!customerId) return [];
  const [methods, customer] = await Promise.all([
    stripe().customers.listPaymentMethods(customerId, { type: 'card', limit: 100 }),
    stripe().customers.retrieve(customerId),
  ]);
  const defaultId =
    'deleted' in customer && customer.deleted
      ? null
      : typeof customer.invoice_settings.default_payment_method === 'string'
        ? customer.invoice_settings.default_payment_method
        : (customer.invoice_settings.default_payment_method?.id ?? null);
  return methods.data.flatMap((pm) =>
    pm.card
      ? [
          {
            id: pm.id,
            brand: pm.card.brand,
            brandName: BRAND_NAMES[pm.card.brand] ?? 'Card',
            last4: pm.card.last4,
            expMonth: pm.card.exp_month,
            expYear: pm.card.exp_year,
            isDefault: pm.id === defaultId,
            expired: isExpired(pm.card.exp_month, pm.card.exp_year, now),
            createdAt: new Date(pm.created * 1000),
          },
        ]
      : [],
  );
}

/** Detaches one of the customer's own cards; anyone else's (or an unknown id) is a 404. */
export async function removePaymentMethod(userId: number, paymentMethodId: string): Promise<void> {
  const customerId = await existingStripeCustomer(userId);
  if (!customerId) throw notFound('Payment method not found');
  let owner: string | null;
  try {
    const pm = await stripe().paymentMethods.retrieve(paymentMethodId);
    owner = typeof pm.customer === 'string' ? pm.customer : (pm.customer?.id ?? null);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw notFound('Payment method not found');
    }
    throw error;
  }
  if (owner !== customerId) throw notFound('Payment method not found');
  await stripe().paymentMethods.detach(paymentMethodId);
}

export function listInvoices(
  userId: number,
  page: number,
  pageSize: number,
): Promise<Page<InvoiceRow>> {
  const where = { userId };
  return readPage(
    { page, pageSize },
    (window) =>
      db.invoice.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...window }),
    () => db.invoice.count({ where }),
  );
}
