import 'server-only';
import { db } from '@/lib/db/client';
import { attachStripeCustomer } from '@/lib/accounts/users';
import { notFound } from '@/lib/errors';
import { stripe } from './stripe';

/**
 * The customer's Stripe customer, created at most once. Two first checkouts that race send the
 * same idempotency key, so Stripe answers both with one customer; the conditional update and the
 * unique column keep the first id stored and the re-read returns it to both.
 */
export async function ensureStripeCustomer(userId: number): Promise<string> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, firstName: true, lastName: true, stripeCustomerId: true },
  });
  if (!user) throw notFound('Customer not found');
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const created = await stripe().customers.create(
    {
      email: user.email,
      name: `${user.firstName} ${user.lastName}`.trim(),
      metadata: { portalUserId: String(userId) },
    },
    { idempotencyKey: `portal-customer-${userId}` },
  );
  return attachStripeCustomer(userId, created.id);
}

/** The stored Stripe customer id, without creating one (billing pages of a customer who never paid). */
export async function existingStripeCustomer(userId: number): Promise<string | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { stripeCustomerId: true },
  });
  return user?.stripeCustomerId ?? null;
}
