'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export interface ProfileValues {
  firstName: string;
  lastName: string;
  phone: string;
  company: string;
}

export function ProfileForm({ action, initial }: { action: FormAction; initial: ProfileValues }) {
  const [state, formAction] = useActionState(action, {});
  const err = (field: keyof ProfileValues) => state.fieldErrors?.[field]?.[0];
  // After a failed save the form keeps what was typed; after a good one, what was saved.
  const value = (field: keyof ProfileValues) =>
    state.error ? (state.values?.[field] ?? initial[field]) : initial[field];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="firstName"
          name="firstName"
          label="First name"
          autoComplete="given-name"
          required
          maxLength={100}
          defaultValue={value('firstName')}
          error={err('firstName')}
        />
        <Field
          id="lastName"
          name="lastName"
          label="Last name"
          autoComplete="family-name"
          maxLength={100}
          defaultValue={value('lastName')}
          error={err('lastName')}
        />
      </div>
      <Field
        id="phone"
        name="phone"
        type="tel"
        label="Phone"
        autoComplete="tel"
        maxLength={32}
        hint="Digits, spaces, + ( ) . - and x"
        defaultValue={value('phone')}
        error={err('phone')}
      />
      <Field
        id="company"
        name="company"
        label="Company"
        autoComplete="organization"
        maxLength={200}
        defaultValue={value('company')}
        error={err('company')}
      />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
