'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';
import { NewPasswordFields } from './new-password-fields';

/** The /register form; on success its action redirects to sign-in. */
export function RegisterForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, {});
  // Passwords are never echoed back: after a refusal they start empty again.
  const bind = fieldBinder(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlerts state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          {...bind('firstName')}
          label="First name"
          autoComplete="given-name"
          required
          maxLength={100}
        />
        <Field
          {...bind('lastName')}
          label="Last name"
          autoComplete="family-name"
          required
          maxLength={100}
        />
      </div>
      <Field
        {...bind('email')}
        type="email"
        label="Email"
        autoComplete="email"
        required
        maxLength={254}
      />
      <Field
        {...bind('phone')}
        type="tel"
        label="Phone (optional)"
        autoComplete="tel"
        maxLength={40}
      />
      <NewPasswordFields bind={bind} />
      <SubmitButton pendingText="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
