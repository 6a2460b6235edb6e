import 'server-only';
import type Stripe from 'stripe';
import { db, type Prisma } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { generateLicenseKey } from '@/lib/licenses/keys';
import { logger } from '@/lib/log';
import { PRODUCT_TYPES, product, type ProductType } from './catalogue';
import { stripe } from './stripe';
import { purchaseInclude, type PurchaseRow } from './views';

/**
 * The one fulfilment path, keyed by the Checkout Session id and called by the webhook, by
 * `POST /api/v1/checkout/success` and by the portal's success page. It asks Stripe whether the
 * session is paid, then records the purchase, its license and its invoice in one transaction. The
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

function productOf(session: Stripe.Checkout.Session): ProductType {
  const type = session.metadata?.productType;
  return (PRODUCT_TYPES as readonly string[]).includes(type ?? '')
    ? (type as ProductType)
    : 'base_product';
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
  const item = product(productOf(session));
  const invoice = typeof session.invoice === 'object' ? session.invoice : null;
  const paymentIntentId = idOf(session.payment_intent);

  const created = await db.$transaction(async (tx) => {
    const inserted = await tx.purchase.createMany({
      data: [
        {
          userId,
          checkoutSessionId: session.id,
          paymentIntentId,
          amount: session.amount_total ?? item.amount,
          currency: session.currency ?? item.currency,
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
      await tx.license.create({
        data: {
          userId,
          purchaseId: purchase.id,
          key: generateLicenseKey(),
          productType: item.type,
          majorVersion: item.majorVersion,
        },
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
    const result = await fulfilCheckoutSession(session.id);
    if (result.state !== 'fulfilled') return false;
    purchase = { id: result.purchase.id };
  }
  const purchaseId = purchase.id;
  await db.$transaction([
    db.purchase.update({
      where: { id: purchaseId },
      data: { status: reason === 'refunded' ? 'REFUNDED' : 'DISPUTED' },
    }),
    db.license.updateMany({
      where: { purchaseId, status: 'ACTIVE' },
      data: { status: 'SUSPENDED', suspendedAt: new Date(), suspendReason: reason },
    }),
  ]);
  logger.info({ event: 'license_suspended', purchaseId, reason }, 'license suspended');
  return true;
}
