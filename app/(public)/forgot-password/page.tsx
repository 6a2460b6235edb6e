import type { Metadata } from 'next';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Forgot your password' };

export default function ForgotPasswordPage() {
  return (
    <AuthPage
      title="Choose a new password"
      footer={<AuthFooterLink href="/login">Back to sign in</AuthFooterLink>}
    >
      <ForgotPasswordForm action={forgotPasswordAction} />
    </AuthPage>
  );
}
