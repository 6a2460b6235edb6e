'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { FormAlerts } from '@/components/ui/form-state';
import { cn } from '@/components/ui/cn';

/** "Send a new link": mails the signed-in customer a new verification link; says how it went. */
export function ResendVerificationForm({
  action,
  className,
}: {
  action: FormAction;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className={cn('space-y-3', className)}>
      <FormAlerts state={state} />
      {state.success ? null : (
        <SubmitButton pendingText="Sending…" variant="secondary">
          Send a new link
        </SubmitButton>
      )}
    </form>
  );
}
