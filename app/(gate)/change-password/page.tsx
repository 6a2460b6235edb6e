import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { Alert } from '@/components/ui/alert';
import { requireSession } from '@/lib/auth/guards';
import { changePasswordAction } from '@/app/(portal)/account/security/actions';

export const metadata: Metadata = { title: 'Change your password' };

export default async function ForcedChangePasswordPage() {
  const session = await requireSession({ allowPasswordChange: true });
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-xl font-bold">Change your password</h1>
        {session.user.forcePasswordChange ? (
          <div className="my-4">
            <Alert tone="info">Your account requires a new password before you can continue.</Alert>
          </div>
        ) : null}
        <ChangePasswordForm action={changePasswordAction} />
        <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
