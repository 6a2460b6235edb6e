'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { BODY_MAX } from '@/lib/validations/support';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextareaField } from '@/components/ui/field';

/** The reply box under a thread; agents also get "internal note". Empties itself once sent. */
export function ReplyForm({
  action,
  ticketId,
  staff = false,
}: {
  action: FormAction;
  ticketId: string;
  staff?: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.success) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="ticketId" value={ticketId} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      <TextareaField
        id="body"
        name="body"
        label={staff ? 'Reply or note' : 'Your reply'}
        required
        rows={5}
        maxLength={BODY_MAX}
        defaultValue={state.error ? state.values?.body : undefined}
        error={state.fieldErrors?.body?.[0]}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        {staff ? (
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="internal"
              className="h-4 w-4 rounded border-slate-300"
              defaultChecked={state.error ? state.values?.internal === 'on' : false}
            />
            Internal note (only staff see it)
          </label>
        ) : (
          <span />
        )}
        <SubmitButton pendingText="Sending…">{staff ? 'Send' : 'Send reply'}</SubmitButton>
      </div>
    </form>
  );
}
