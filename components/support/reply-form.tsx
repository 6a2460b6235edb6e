'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { BODY_MAX } from '@/lib/validations/support';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { SelectField, TextareaField } from '@/components/ui/field';

/** The reply box under a thread; agents also get "internal note". Empties itself once sent. */
export function ReplyForm({
  action,
  ticketId,
  staff = false,
  savedReplies = [],
}: {
  action: FormAction;
  ticketId: string;
  staff?: boolean;
  /** Agents' saved replies, inserted at the end of the text for editing. */
  savedReplies?: readonly { id: string; title: string; body: string }[];
}) {
  const [state, formAction] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  const insert = (id: string) => {
    const reply = savedReplies.find((r) => r.id === id);
    const box = form.current?.elements.namedItem('body');
    if (!reply || !(box instanceof HTMLTextAreaElement)) return;
    box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${reply.body}` : reply.body;
    box.focus();
  };
  useEffect(() => {
    if (state.success) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="ticketId" value={ticketId} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      {savedReplies.length > 0 ? (
        <SelectField
          id="saved-reply"
          label="Insert a saved reply"
          value=""
          onChange={(e) => insert(e.target.value)}
          options={[
            { value: '', label: 'Choose one…' },
            ...savedReplies.map((r) => ({ value: r.id, label: r.title })),
          ]}
        />
      ) : null}
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
