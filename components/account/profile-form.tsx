'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';
import { AccountField } from './account-field';

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
        <AccountField bind={bind} name="firstName" />
        <AccountField bind={bind} name="lastName" />
      </div>
      <AccountField
        bind={bind}
        name="phone"
        maxLength={32}
        hint="Digits, spaces, + ( ) . - and x"
      />
      <AccountField bind={bind} name="company" />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
