import type { Metadata } from 'next';
import { AuthPage } from '@/components/auth/auth-page';
import { ResendVerificationForm } from '@/components/auth/resend-verification-form';
import { VerifyEmailForm } from '@/components/auth/verify-email-form';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/guards';
import { linkToken, type QueryPageProps } from '@/lib/http/search-params';
import { resendVerificationAction, verifyEmailAction } from './actions';

export const metadata: Metadata = { title: 'Confirm your e-mail address' };

/**
 * Opened from the verification mail, signed in or not. The GET only shows a button: mail
 * scanners fetch links, so the token is consumed by the button's POST. Served with
 * `Referrer-Policy: no-referrer` (next.config.js).
 */
export default async function VerifyEmailPage({ searchParams }: QueryPageProps) {
  const token = await linkToken(searchParams);
  const signedIn = (await getCurrentSession()) !== null;
  return (
    <AuthPage title="Confirm your e-mail address">
      {token ? (
        <VerifyEmailForm
          verify={verifyEmailAction}
          resend={signedIn ? resendVerificationAction : null}
          token={token}
        />
      ) : (
        <div className="space-y-4">
          <Alert tone="error">
            This link is incomplete. Open it again from the e-mail, or ask for a new one.
          </Alert>
          {signedIn ? <ResendVerificationForm action={resendVerificationAction} /> : null}
        </div>
      )}
    </AuthPage>
  );
}
