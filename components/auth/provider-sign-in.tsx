'use client';

import { signIn } from 'next-auth/react';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';

/**
 * "Continue with Auth0": NextAuth sends the browser to the OpenID provider and back. Below the
 * password form, after a divider; pending while the provider's page loads.
 */
export function ProviderSignIn({
  providerId,
  name,
  callbackPath,
}: {
  providerId: string;
  name: string;
  callbackPath: string;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function go() {
    setError(null);
    startTransition(async () => {
      try {
        // Navigates away on success; the transition stays pending until the page changes.
        await signIn(providerId, { callbackUrl: callbackPath });
      } catch {
        setError('The portal could not be reached. Check your connection and try again.');
      }
    });
  }

  return (
    <div className="mt-6">
      <div className="flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" aria-hidden="true" />
        or
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" aria-hidden="true" />
      </div>
      <form action={go} className="mt-4 space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <SubmitButton
          variant="secondary"
          pending={pending}
          pendingText={`Opening ${name}…`}
          className="w-full"
        >
          Continue with {name}
        </SubmitButton>
      </form>
    </div>
  );
}
