import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LicenseKey } from '@/components/payments/license-key';
import { UnfinishedCheckout } from '@/components/payments/unfinished-checkout';
import { buttonClass } from '@/components/ui/button-class';
import { Card } from '@/components/ui/card';
import { requireSession } from '@/lib/auth/guards';
import { orNotFound } from '@/lib/http/page-errors';
import { formatMoney } from '@/lib/payments/catalogue';
import { fulfilForSuccessPage } from '@/lib/payments/success-page';
import { purchaseId } from '@/lib/payments/views';
import { checkoutSessionIdQuery } from '@/lib/validations/payments';
import { firstParam, type QueryPageProps } from '@/lib/http/search-params';

export const metadata: Metadata = { title: 'Thank you' };

/**
 * Where Stripe sends the browser after paying. It fulfils the session itself (the same idempotent
 * function the webhook calls), so the license shows even when the webhook has not arrived yet.
 * An unknown or another customer's session is a 404, decided before anything streams (no
 * loading.tsx above this route). Each load spends the customer's API and checkout limits; once
 * either is spent the page says when to try again and does not call Stripe.
 */
export default async function CheckoutSuccessPage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  const raw = (await searchParams).session_id;
  const sessionId = checkoutSessionIdQuery.safeParse(firstParam(raw));
  if (!sessionId.success) notFound();
  const result = await orNotFound(fulfilForSuccessPage(session.user.id, sessionId.data));

  if (result.state === 'limited') {
    return (
      <UnfinishedCheckout
        title="Please wait a moment"
        tone="error"
        sessionId={sessionId.data}
        retry="Try again"
      >
        {result.message}. Nothing has been lost: your payment, if made, is recorded as soon as
        Stripe confirms it.
      </UnfinishedCheckout>
    );
  }

  if (result.state === 'mismatch') {
    return (
      <UnfinishedCheckout
        title="This payment could not be recorded"
        tone="error"
        sessionId={sessionId.data}
      >
        What Stripe charged does not match the price of what you bought, so no license was issued.
        Contact support and quote the checkout reference{' '}
        <span className="font-mono break-all">{sessionId.data}</span>.
      </UnfinishedCheckout>
    );
  }

  if (result.state === 'pending') {
    const expired = result.sessionStatus === 'expired';
    return (
      <UnfinishedCheckout
        title={expired ? 'This checkout has expired' : 'Your payment is not confirmed yet'}
        tone="info"
        sessionId={sessionId.data}
        retry={expired ? undefined : 'Refresh'}
      >
        {expired
          ? 'Nothing was charged. You can start a new purchase from the purchases page.'
          : 'Stripe has not confirmed the payment yet (its status is “unpaid”). This can take a moment; refresh this page to check again. Nothing is recorded until the payment is confirmed.'}
      </UnfinishedCheckout>
    );
  }

  const { purchase } = result;
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Thank you for your purchase</h1>
      <p className="mb-6 text-sm text-slate-500 dark:text-slate-400">
        {formatMoney(purchase.amount, purchase.currency)} paid ·{' '}
        {purchase.items.map((i) => i.description).join(', ')} · {purchaseId(purchase.id)}
      </p>
      <Card
        title="Your license key"
        description="Enter it when Sense Base asks for it during installation. It is also on the licenses page."
      >
        {purchase.license ? (
          <LicenseKey value={purchase.license.key} />
        ) : (
          <p className="text-sm">Your license is being issued; it will be on the licenses page.</p>
        )}
      </Card>
      <p className="mt-6 flex flex-wrap gap-3">
        <Link href="/downloads" className={buttonClass('primary')}>
          Download Sense Base
        </Link>
        <Link href={`/purchases/${purchaseId(purchase.id)}`} className={buttonClass('secondary')}>
          View the receipt
        </Link>
        <Link href="/licenses" className={buttonClass('secondary')}>
          All license keys
        </Link>
      </p>
    </>
  );
}
