'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';

export interface ProfileValues {
  firstName: string;
  lastName: string;
  phone: string;
  company: string;
}

export function ProfileForm({ action, initial }: { action: FormAction; initial: ProfileValues }) {
  const [state, formAction] = useActionState(action, {});
  // A field's id, name, value and error. After a failed save it keeps what was typed; after a
  // good one, what was saved.
  const bind = fieldBinder(state, { ...initial });
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
        <Field {...bind('lastName')} label="Last name" autoComplete="family-name" maxLength={100} />
      </div>
      <Field
        {...bind('phone')}
        type="tel"
        label="Phone"
        autoComplete="tel"
        maxLength={32}
        hint="Digits, spaces, + ( ) . - and x"
      />
      <Field {...bind('company')} label="Company" autoComplete="organization" maxLength={200} />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
