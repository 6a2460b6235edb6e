'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { AccountField } from '@/components/account/account-field';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';

/**
 * Asks for a reset link. Once sent, the form gives way to the action's message, which is the
 * same for every address.
 */
export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, {});
  if (state.success) return <Alert tone="success">{state.success}</Alert>;
  const bind = fieldBinder(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Enter the e-mail address of your account and we will send it a link to choose a new
        password.
      </p>
      <FormAlerts state={state} />
      <AccountField bind={bind} name="email" />
      <SubmitButton pendingText="Sending the link…" className="w-full">
        Send the link
      </SubmitButton>
    </form>
  );
}
