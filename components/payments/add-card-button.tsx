'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import type { FormAction } from '@/lib/actions/validated-action';

/** Starts Stripe's "save a card" page (a setup-mode Checkout Session). */
export function AddCardButton({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction}>
      <SubmitButton
        variant="secondary"
        pendingText="Opening Stripe…"
        className="px-3 py-1.5 whitespace-nowrap"
      >
        Add a card
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}
