import type { Metadata } from 'next';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { LinkProblem, ResetPasswordForm } from '@/components/auth/reset-password-form';
import { mailedTokenSchema } from '@/lib/validations/auth';
import { resetPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Choose a new password' };

/**
 * Opened from the reset mail. Opening it changes nothing (mail scanners fetch links): the token
 * is consumed by the form's POST. Served with `Referrer-Policy: no-referrer` (next.config.js).
 */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const parsed = mailedTokenSchema.safeParse(token);
  return (
    <AuthPage
      title="Choose a new password"
      footer={<AuthFooterLink href="/login">Back to sign in</AuthFooterLink>}
    >
      {parsed.success ? (
        <ResetPasswordForm action={resetPasswordAction} token={parsed.data} />
      ) : (
        <LinkProblem message="This link is incomplete. Open it again from the e-mail, or ask for a new one." />
      )}
    </AuthPage>
  );
}
