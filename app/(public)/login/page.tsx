import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { LoginForm } from '@/components/auth/login-form';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/guards';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

/** What the page says after the pages that send people here (`?registered=1`, `?reset=1`). */
function arrivalNotice(params: Record<string, string | string[] | undefined>): string | null {
  if (params.registered === '1') {
    return 'Account created. We sent a confirmation link to your address; you can sign in now.';
  }
  if (params.reset === '1') {
    return 'Your password was changed and every session was signed out. Sign in with the new password.';
  }
  return null;
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const callbackPath = safeCallbackPath(raw, getEnv().appUrl);
  if (await getCurrentSession()) redirect(callbackPath);
  const notice = arrivalNotice(params);
  return (
    <AuthPage
      title="Sign in to your portal"
      footer={
        <>
          <AuthFooterLink href="/forgot-password">Forgot your password?</AuthFooterLink>
          <AuthFooterLink href="/register" lead="New to Sense Security?">
            Create an account
          </AuthFooterLink>
        </>
      }
    >
      {notice ? (
        <div className="mb-4">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      <LoginForm callbackPath={callbackPath} />
    </AuthPage>
  );
}
