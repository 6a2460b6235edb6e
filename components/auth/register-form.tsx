'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';
import { AccountField } from '@/components/account/account-field';
import { NewPasswordFields } from './new-password-fields';

/** The /register form; on success its action redirects to sign-in. */
export function RegisterForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, {});
  // Passwords are never echoed back: after a refusal they start empty again.
  const bind = fieldBinder(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlerts state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <AccountField bind={bind} name="firstName" />
        <AccountField bind={bind} name="lastName" required />
      </div>
      <AccountField bind={bind} name="email" />
      <AccountField bind={bind} name="phone" label="Phone (optional)" />
      <NewPasswordFields bind={bind} />
      <SubmitButton pendingText="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
