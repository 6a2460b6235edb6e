'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';
import { NewPasswordFields } from './new-password-fields';

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, {});
  // Passwords are never echoed back: each field starts empty.
  const bind = fieldBinder(state);
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate>
      <FormAlerts state={state} />
      <Field
        {...bind('currentPassword')}
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
      />
      <NewPasswordFields bind={bind} name="newPassword" label="New password" />
      <SubmitButton pendingText="Changing password…">Change password</SubmitButton>
    </form>
  );
}
