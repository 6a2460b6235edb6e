'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, {});
  const err = (field: string) => state.fieldErrors?.[field]?.[0];
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      <Field
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={err('currentPassword')}
      />
      <Field
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        hint="12 to 128 characters. Any characters; a passphrase works well."
        error={err('newPassword')}
      />
      <Field
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label="Confirm new password"
        autoComplete="new-password"
        required
        error={err('confirmPassword')}
      />
      <SubmitButton pendingText="Changing password…">Change password</SubmitButton>
    </form>
  );
}
