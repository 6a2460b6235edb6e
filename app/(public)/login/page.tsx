import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { LoginForm } from '@/components/auth/login-form';
import { ProviderSignIn } from '@/components/auth/provider-sign-in';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/guards';
import { OIDC_PROVIDER_ID } from '@/lib/auth/next-auth';
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

/**
 * Why a sign-in through the OpenID provider came back refused (`?error=`, a code, never text from
 * the URL itself).
 */
function providerRefusal(code: unknown, provider: string): string | null {
  switch (code) {
    case undefined:
    case 'CredentialsSignin':
      return null;
    case 'OIDC_EMAIL_UNVERIFIED':
      return `${provider} has not verified your e-mail address, so it cannot sign you in here. Verify the address at ${provider} and try again, or sign in with your password.`;
    case 'OIDC_LINK_REFUSED':
      return `This account cannot be signed in to through ${provider}: staff accounts use their password, and ${provider} must share your e-mail address.`;
    case 'ACCOUNT_INACTIVE':
      return 'This account is inactive. Contact support to reactivate it.';
    case 'RATE_LIMITED':
      return 'Too many sign-in attempts. Try again in a few minutes.';
    default:
      return `Signing in with ${provider} did not complete. Try again.`;
  }
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
  const oidc = getEnv().oidc;
  const refusal = providerRefusal(params.error, oidc?.name ?? 'your identity provider');
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
      {refusal ? (
        <div className="mb-4">
          <Alert tone="error">{refusal}</Alert>
        </div>
      ) : null}
      <LoginForm callbackPath={callbackPath} />
      {oidc ? (
        <ProviderSignIn
          providerId={OIDC_PROVIDER_ID}
          name={oidc.name}
          callbackPath={callbackPath}
        />
      ) : null}
    </AuthPage>
  );
}
