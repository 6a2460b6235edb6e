'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import type { ButtonVariant } from '@/components/ui/button-class';
import { SubmitButton } from '@/components/ui/button';

/** One button that posts the ticket to an action (resolve, reopen) and shows what went wrong. */
export function TicketActionButton({
  action,
  ticketId,
  label,
  pendingText,
  variant = 'secondary',
}: {
  action: FormAction;
  ticketId: string;
  label: string;
  pendingText: string;
  variant?: ButtonVariant;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="ticketId" value={ticketId} />
      <SubmitButton variant={variant} pendingText={pendingText}>
        {label}
      </SubmitButton>
      {state.error ? (
        <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
