import type { Metadata } from 'next';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { LinkProblem, ResetPasswordForm } from '@/components/auth/reset-password-form';
import { linkToken, type QueryPageProps } from '@/lib/http/search-params';
import { resetPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Choose a new password' };

/**
 * Opened from the reset mail. Opening it changes nothing (mail scanners fetch links): the token
 * is consumed by the form's POST. Served with `Referrer-Policy: no-referrer` (next.config.js).
 */
export default async function ResetPasswordPage({ searchParams }: QueryPageProps) {
  const token = await linkToken(searchParams);
  return (
    <AuthPage
      title="Choose a new password"
      footer={<AuthFooterLink href="/login">Back to sign in</AuthFooterLink>}
    >
      {token ? (
        <ResetPasswordForm action={resetPasswordAction} token={token} />
      ) : (
        <LinkProblem message="This link is incomplete. Open it again from the e-mail, or ask for a new one." />
      )}
    </AuthPage>
  );
}
