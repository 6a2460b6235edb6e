import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { RegisterForm } from '@/components/auth/register-form';
import { getCurrentSession } from '@/lib/auth/guards';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Create an account' };

export default async function RegisterPage() {
  if (await getCurrentSession()) redirect('/dashboard');
  return (
    <AuthPage
      title="Create your account"
      wide
      footer={
        <AuthFooterLink href="/login" lead="Already have an account?">
          Sign in
        </AuthFooterLink>
      }
    >
      <RegisterForm action={registerAction} />
    </AuthPage>
  );
}
