'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { fieldBinder } from '@/components/ui/form-state';
import { LINK_INVALID_MESSAGE } from '@/lib/validations/auth';
import { NewPasswordFields } from './new-password-fields';
import { textLinkClass } from '@/components/ui/button-class';

/** A reset link that cannot be used, and the way to a new one. */
export function LinkProblem({ message = LINK_INVALID_MESSAGE }: { message?: string }) {
  return (
    <div className="space-y-4">
      <Alert tone="error">{message}</Alert>
      <p className="text-sm">
        <Link href="/forgot-password" className={textLinkClass}>
          Ask for a new link
        </Link>
      </p>
    </div>
  );
}

/** New password and its confirmation; the action consumes the link and redirects to sign-in. */
export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction] = useActionState(action, {});
  const bind = fieldBinder(state);
  const passwordProblem = Boolean(
    state.fieldErrors?.password ?? state.fieldErrors?.confirmPassword,
  );
  // Any other refusal is the link's: used, expired, unknown or tampered with.
  if (state.error && !passwordProblem) {
    return <LinkProblem message={state.fieldErrors?.token ? LINK_INVALID_MESSAGE : state.error} />;
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields bind={bind} label="New password" />
      <SubmitButton pendingText="Changing password…" className="w-full">
        Change password
      </SubmitButton>
    </form>
  );
}
