'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';

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
      <Field
        {...bind('newPassword')}
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        hint="12 to 128 characters. Any characters; a passphrase works well."
      />
      <Field
        {...bind('confirmPassword')}
        type="password"
        label="Confirm new password"
        autoComplete="new-password"
        required
      />
      <SubmitButton pendingText="Changing password…">Change password</SubmitButton>
    </form>
  );
}
