'use client';

import dynamic from 'next/dynamic';
import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/button';
import type { ActionState } from '@/lib/actions/validated-action';

/** The buy action's answer: nothing (it redirected to Stripe), an error, or an embedded session. */
export interface BuyState extends ActionState {
  clientSecret?: string;
}

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
  action: (state: BuyState, formData: FormData) => Promise<BuyState>;
  label: string;
  publishableKey: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const embedded = publishableKey && state.clientSecret ? state.clientSecret : null;
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
