'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from '@/components/ui/button';
import { FormAlerts } from '@/components/ui/form-state';

/** "E-mail me when support answers": the only support mail a customer can turn off. */
export function EmailPreference({ action, enabled }: { action: FormAction; enabled: boolean }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3 text-sm">
      <label className="inline-flex items-center gap-2">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={enabled}
          className="h-4 w-4 rounded border-slate-300"
        />
        E-mail me when support answers or resolves a ticket
      </label>
      <SubmitButton variant="secondary" pendingText="Saving…" className="px-3 py-1.5">
        Save
      </SubmitButton>
      <FormAlerts state={state} />
    </form>
  );
}
