import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthFooterLink, AuthPage } from '@/components/auth/auth-page';
import { ProviderSignIn } from '@/components/auth/provider-sign-in';
import { RegisterForm } from '@/components/auth/register-form';
import { getCurrentSession } from '@/lib/auth/guards';
import { OIDC_PROVIDER_ID } from '@/lib/auth/next-auth';
import { getEnv } from '@/lib/env';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Create an account' };

export default async function RegisterPage() {
  if (await getCurrentSession()) redirect('/dashboard');
  // An account made through the provider needs no password and no confirmation mail.
  const oidc = getEnv().oidc;
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
      {oidc ? (
        <ProviderSignIn providerId={OIDC_PROVIDER_ID} name={oidc.name} callbackPath="/dashboard" />
      ) : null}
    </AuthPage>
  );
}
