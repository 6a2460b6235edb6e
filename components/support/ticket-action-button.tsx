'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import type { ButtonVariant } from '@/components/ui/button-class';
import { SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';

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
      <InlineError message={state.error} />
    </form>
  );
}
