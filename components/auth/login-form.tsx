'use client';

import { signIn } from 'next-auth/react';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

function messageFor(code: string | undefined): string {
  const [kind, retry] = (code ?? '').split(':');
  switch (kind) {
    case 'ACCOUNT_INACTIVE':
      return 'This account is inactive. Contact support to reactivate it.';
    case 'RATE_LIMITED': {
      const minutes = Math.max(1, Math.ceil(Number(retry ?? 60) / 60));
      return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    default:
      return 'Invalid email or password.';
  }
}

export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [email, setEmail] = useState('');

  function submit(formData: FormData) {
    const emailValue = email.trim();
    const password = String(formData.get('password') ?? '');
    if (!emailValue || !password) {
      setError('Enter your email and password.');
      return;
    }
    setError(null);
    startTransition(async () => {
      let result;
      try {
        result = await signIn('credentials', { email: emailValue, password, redirect: false });
      } catch {
        setError('The portal could not be reached. Check your connection and try again.');
        return;
      }
      if (!result || result.error) {
        setError(messageFor(result?.error ?? undefined));
        return;
      }
      // A full navigation: the portal renders fresh, with the new session.
      window.location.assign(callbackPath);
    });
  }

  return (
    <form
      action={submit}
      className="space-y-4"
      noValidate
      aria-describedby={error ? 'login-error' : undefined}
    >
      {error ? (
        <Alert tone="error" id="login-error">
          {error}
        </Alert>
      ) : null}
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        maxLength={254}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        maxLength={1024}
      />
      <SubmitButton pendingText="Signing in…" pending={pending} className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
