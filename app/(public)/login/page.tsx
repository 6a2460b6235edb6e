import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getCurrentSession } from '@/lib/auth/guards';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const callbackPath = safeCallbackPath(raw, getEnv().appUrl);
  if (await getCurrentSession()) redirect(callbackPath);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase dark:text-brand-100">
            Sense Security
          </p>
          <h1 className="mt-2 text-2xl font-bold">Sign in to your portal</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <LoginForm callbackPath={callbackPath} />
        </div>
      </div>
    </main>
  );
}
