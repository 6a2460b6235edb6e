'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { textLinkClass } from '@/components/ui/button-class';

/** The one action of a security e-mail: a button that ends every session of the account. */
export function EndSessionsForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction] = useActionState(action, {});
  if (state.success) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{state.success}</Alert>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Now choose a new password:{' '}
          <Link href="/forgot-password" className={textLinkClass}>
            reset it by e-mail
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <p className="text-sm text-slate-600 dark:text-slate-300">
        This signs your account out everywhere: every browser, every app and every API token,
        whoever holds them. Then reset your password to lock out whoever had it.
      </p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Ending sessions…" variant="danger" className="w-full">
        End all sessions
      </SubmitButton>
    </form>
  );
}
