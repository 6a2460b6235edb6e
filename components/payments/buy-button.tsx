'use client';

import dynamic from 'next/dynamic';
import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/button';
import type { FormAction } from '@/lib/actions/validated-action';

// Stripe.js is fetched from Stripe's servers, so it is loaded only when embedded Checkout is on.
const EmbeddedCheckout = dynamic(
  () => import('./embedded-checkout').then((m) => m.EmbeddedCheckout),
  { ssr: false },
);

/**
 * "Buy Sense Base": the server action creates the Checkout Session. Hosted Checkout (no
 * publishable key) is a redirect to Stripe's page; with a key the session is embedded here.
 */
export function BuyButton({
  action,
  label,
  publishableKey,
}: {
  /** Redirects to Stripe, or answers with an embedded session's client secret. */
  action: FormAction<{ clientSecret: string }>;
  label: string;
  publishableKey: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const embedded = publishableKey && state.data?.clientSecret ? state.data.clientSecret : null;
  return (
    <div>
      {embedded ? null : (
        <form action={formAction}>
          <input type="hidden" name="productType" value="base_product" />
          <SubmitButton pendingText="Opening checkout…" pending={pending}>
            {label}
          </SubmitButton>
        </form>
      )}
      {state.error ? (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {embedded && publishableKey ? (
        <EmbeddedCheckout publishableKey={publishableKey} clientSecret={embedded} />
      ) : null}
    </div>
  );
}
