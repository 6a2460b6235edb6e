import 'server-only';
import type Stripe from 'stripe';
import { db, type Prisma } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { issueLicense, suspendPurchaseLicense } from '@/lib/licenses/licenses';
import { logger } from '@/lib/log';
import { PRODUCT_TYPES, product, type ProductType } from './catalogue';
import { stripe } from './stripe';
import { purchaseInclude, type PurchaseRow } from './views';

/**
 * The one fulfilment path, keyed by the Checkout Session id and called by the webhook, by
 * `POST /api/v1/checkout/success` and by the portal's success page. It asks Stripe whether the
 * session is paid, and for exactly what the catalogue charges, then records the purchase, its
 * license and its invoice in one transaction. The
 * session id is unique on purchases, so any number of calls, in any order, at once, leave exactly
 * one purchase and one license: a racing insert waits on the unique index and then skips.
 */
export type FulfilmentResult =
  | { state: 'fulfilled'; purchase: PurchaseRow; created: boolean }
  | {
      state: 'pending';
      paymentStatus: Stripe.Checkout.Session.PaymentStatus;
      sessionStatus: string;
    };

export interface FulfilOptions {
  /** When set, the session must belong to this customer (else 404, as for any foreign object). */
  userId?: number;
  /** Tests only: runs inside the transaction just before it commits. */
  beforeCommit?: () => Promise<void> | void;
}

/** Our metadata on every Checkout Session the portal creates. */
export interface CheckoutMetadata {
  portalUserId: string;
  productType: ProductType;
}

export function ownerOf(session: Pick<Stripe.Checkout.Session, 'metadata'>): number | null {
  const raw = session.metadata?.portalUserId;
  const id = raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(id) ? id : null;
}

function productOf(session: Stripe.Checkout.Session): ProductType | null {
  const type = session.metadata?.productType;
  return (PRODUCT_TYPES as readonly string[]).includes(type ?? '') ? (type as ProductType) : null;
}

/**
 * The session was paid, but not for what the portal sells: another amount or currency (a session
 * made with the secret key, or by another integration, carrying the portal's metadata), a product
 * the catalogue does not have, or nothing charged for a product that costs something. Nothing is
 * recorded; callers decide what to answer (`isPaymentMismatch`).
 */
export const paymentMismatch = () =>
  new AppError(
    'PAYMENT_MISMATCH',
    'This checkout does not match the price of what was bought; nothing was recorded',
  );

export const isPaymentMismatch = (error: unknown): error is AppError =>
  error instanceof AppError && error.code === 'PAYMENT_MISMATCH';

/** Throws `paymentMismatch()` (and logs why) unless Stripe collected the catalogue's price. */
function checkPayment(session: Stripe.Checkout.Session, userId: number) {
  const type = productOf(session);
  const item = type ? product(type) : null;
  const settled =
    session.payment_status === 'paid' ||
    (session.payment_status === 'no_payment_required' && item?.amount === 0);
  if (
    item &&
    settled &&
    session.amount_total === item.amount &&
    session.currency?.toLowerCase() === item.currency
  ) {
    return item;
  }
  logger.warn(
    {
      event: 'payment_mismatch',
      sessionId: session.id,
      userId,
      expected: item
        ? {
            productType: item.type,
            amount: item.amount,
            currency: item.currency,
            paymentStatus: item.amount === 0 ? 'no_payment_required' : 'paid',
          }
        : null,
      actual: {
        productType: session.metadata?.productType ?? null,
        amount: session.amount_total,
        currency: session.currency,
        paymentStatus: session.payment_status,
      },
    },
    'checkout session does not match the catalogue; not fulfilled',
  );
  throw paymentMismatch();
}

async function retrieve(sessionId: string): Promise<Stripe.Checkout.Session> {
  try {
    return await stripe().checkout.sessions.retrieve(sessionId, { expand: ['invoice'] });
  } catch (error) {
    const stripeError = error as { type?: string; statusCode?: number };
    if (stripeError.type === 'StripeInvalidRequestError' && stripeError.statusCode === 404) {
      throw notFound('Checkout session not found');
    }
    throw error;
  }
}

const idOf = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

function invoiceData(invoice: Stripe.Invoice, userId: number, purchaseId: number) {
  return {
    id: invoice.id,
    userId,
    purchaseId,
    number: invoice.number,
    amount: invoice.amount_paid || invoice.total,
    currency: invoice.currency,
    status: invoice.status ?? 'open',
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    pdfUrl: invoice.invoice_pdf ?? null,
    createdAt: new Date(invoice.created * 1000),
  } satisfies Prisma.InvoiceUncheckedCreateInput;
}

export async function fulfilCheckoutSession(
  sessionId: string,
  options: FulfilOptions = {},
): Promise<FulfilmentResult> {
  const session = await retrieve(sessionId);
  const userId = ownerOf(session);
  if (session.mode !== 'payment' || userId === null) throw notFound('Checkout session not found');
  if (options.userId !== undefined && options.userId !== userId) {
    throw notFound('Checkout session not found');
  }
  if (session.payment_status === 'unpaid') {
    return {
      state: 'pending',
      paymentStatus: session.payment_status,
      sessionStatus: session.status ?? 'open',
    };
  }
  const item = checkPayment(session, userId);
  const invoice = typeof session.invoice === 'object' ? session.invoice : null;
  const paymentIntentId = idOf(session.payment_intent);

  const created = await db.$transaction(async (tx) => {
    const inserted = await tx.purchase.createMany({
      data: [
        {
          userId,
          checkoutSessionId: session.id,
          paymentIntentId,
          amount: item.amount,
          currency: item.currency,
        },
      ],
      skipDuplicates: true,
    });
    const purchase = await tx.purchase.findUniqueOrThrow({
      where: { checkoutSessionId: session.id },
      select: { id: true },
    });
    if (inserted.count === 1) {
      await tx.purchaseItem.create({
        data: {
          purchaseId: purchase.id,
          productType: item.type,
          description: item.description,
          amount: item.amount,
          quantity: 1,
        },
      });
      await issueLicense(tx, {
        userId,
        purchaseId: purchase.id,
        productType: item.type,
        majorVersion: item.majorVersion,
      });
    }
    if (invoice) {
      await tx.invoice.createMany({
        data: [invoiceData(invoice, userId, purchase.id)],
        skipDuplicates: true,
      });
    }
    await options.beforeCommit?.();
    return inserted.count === 1;
  });

  const purchase = await db.purchase.findUniqueOrThrow({
    where: { checkoutSessionId: session.id },
    include: purchaseInclude,
  });
  if (created) {
    logger.info(
      { event: 'purchase_fulfilled', purchaseId: purchase.id, userId, sessionId: session.id },
      'purchase fulfilled',
    );
  }
  return { state: 'fulfilled', purchase, created };
}

/**
 * A refund or a dispute: the purchase is marked and its license suspended, which also stops every
 * download link minted for it (the file route re-checks the license). Idempotent.
 */
export async function suspendForPaymentIntent(
  paymentIntentId: string,
  reason: 'refunded' | 'disputed',
): Promise<boolean> {
  let purchase = await db.purchase.findUnique({
    where: { paymentIntentId },
    select: { id: true },
  });
  if (!purchase) {
    // The refund may arrive before the purchase was recorded: fulfil from the session first.
    const sessions = await stripe().checkout.sessions.list({
      payment_intent: paymentIntentId,
      limit: 1,
    });
    const session = sessions.data[0];
    // Not a portal checkout (or no checkout at all): nothing of ours to suspend.
    if (!session || session.mode !== 'payment' || ownerOf(session) === null) return false;
    // A mismatched session was never fulfilled (and was logged): nothing to suspend, and throwing
    // would have Stripe retry the refund's event for days.
    const result = await fulfilCheckoutSession(session.id).catch((error: unknown) => {
      if (isPaymentMismatch(error)) return null;
      throw error;
    });
    if (result?.state !== 'fulfilled') return false;
    purchase = { id: result.purchase.id };
  }
  const purchaseId = purchase.id;
  await db.$transaction(async (tx) => {
    await tx.purchase.update({
      where: { id: purchaseId },
      data: { status: reason === 'refunded' ? 'REFUNDED' : 'DISPUTED' },
    });
    await suspendPurchaseLicense(tx, { purchaseId, reason });
  });
  logger.info({ event: 'license_suspended', purchaseId, reason }, 'license suspended');
  return true;
}
