'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton, buttonClass } from '@/components/ui/button';
import { ResendVerificationForm } from './resend-verification-form';
import { textLinkClass } from '@/components/ui/button-class';

/**
 * One button that confirms the address. After a refused link, a signed-in customer (`resend`
 * given) can ask for a new one here; anyone else signs in first.
 */
export function VerifyEmailForm({
  verify,
  resend,
  token,
}: {
  verify: FormAction;
  resend: FormAction | null;
  token: string;
}) {
  const [state, formAction] = useActionState(verify, {});
  if (state.success) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{state.success}</Alert>
        {resend ? (
          <Link href="/dashboard" className={buttonClass('primary', 'w-full')}>
            Go to the dashboard
          </Link>
        ) : (
          <Link href="/login" className={buttonClass('primary', 'w-full')}>
            Sign in
          </Link>
        )}
      </div>
    );
  }
  if (state.error) {
    return (
      <div className="space-y-4">
        <Alert tone="error">{state.error}</Alert>
        {resend ? (
          <ResendVerificationForm action={resend} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            <Link href="/login?callbackUrl=%2Fdashboard" className={textLinkClass}>
              Sign in
            </Link>{' '}
            and ask for a new link from the portal.
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Confirm that this address is yours. Until it is confirmed, you can sign in and look around,
        but not buy, download or open support tickets.
      </p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Confirming…" className="w-full">
        Confirm my address
      </SubmitButton>
    </form>
  );
}
