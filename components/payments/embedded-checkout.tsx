'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Stripe's embedded Checkout, mounted from the session's client secret. Stripe.js comes from
 * `@stripe/stripe-js/pure`, which adds Stripe's script only when loadStripe is called; on
 * completion Stripe sends the browser to the session's return URL (the success page).
 */
export function EmbeddedCheckout({
  publishableKey,
  clientSecret,
}: {
  publishableKey: string;
  clientSecret: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    (async () => {
      const { loadStripe } = await import('@stripe/stripe-js/pure');
      const stripe = await loadStripe(publishableKey);
      if (!stripe || cancelled || !container.current) return;
      const checkout = await stripe.createEmbeddedCheckoutPage({ clientSecret });
      if (cancelled) {
        checkout.destroy();
        return;
      }
      destroy = () => checkout.destroy();
      checkout.mount(container.current);
      // The buy button that had focus is gone; take the customer to the form that replaced it.
      container.current.focus();
    })().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [publishableKey, clientSecret]);

  return (
    <div className="mt-4">
      {failed ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Stripe&apos;s checkout could not be loaded. Check your connection and reload the page.
        </p>
      ) : null}
      <div
        ref={container}
        role="region"
        aria-label="Stripe checkout"
        tabIndex={-1}
        className="min-h-40 focus:outline-none"
      />
    </div>
  );
}
