'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';

/** One alert's "Acknowledge" form; the page re-renders with the alert acknowledged. */
export function AcknowledgeButton({
  alertId,
  message,
  action,
}: {
  alertId: number;
  message: string;
  action: FormAction;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name="alertId" value={alertId} />
      <SubmitButton
        variant="secondary"
        pendingText="Acknowledging…"
        className="px-3 py-1.5"
        aria-label={`Acknowledge “${message}”`}
      >
        Acknowledge
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}
