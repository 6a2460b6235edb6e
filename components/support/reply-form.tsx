'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { BODY_MAX } from '@/lib/validations/support';
import { SubmitButton } from '@/components/ui/button';
import { SelectField, TextareaField } from '@/components/ui/field';
import { FormAlerts } from '@/components/ui/form-state';
import { AttachmentPicker } from './attachment-picker';

/** The reply box under a thread; agents also get "internal note". Empties itself once sent. */
export function ReplyForm({
  action,
  ticketId,
  uploadUrl,
  staff = false,
  savedReplies = [],
}: {
  action: FormAction;
  ticketId: string;
  /** Where the reply's files are uploaded (the ticket's attachments endpoint). */
  uploadUrl: string;
  staff?: boolean;
  /** Agents' saved replies, inserted at the end of the text for editing. */
  savedReplies?: readonly { id: string; title: string; body: string }[];
}) {
  const [state, formAction] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  const [uploading, setUploading] = useState(false);
  const insert = (id: string) => {
    const reply = savedReplies.find((r) => r.id === id);
    const box = form.current?.elements.namedItem('body');
    if (!reply || !(box instanceof HTMLTextAreaElement)) return;
    box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${reply.body}` : reply.body;
    box.focus();
  };
  // A new picker after each reply sent (its files went with it): decided while rendering the new
  // state, React's pattern for state that follows another.
  const [sent, setSent] = useState({ state, count: 0 });
  if (sent.state !== state) setSent({ state, count: sent.count + (state.success ? 1 : 0) });
  useEffect(() => {
    if (state.success) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="ticketId" value={ticketId} />
      <FormAlerts state={state} />
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
      <AttachmentPicker
        key={sent.count}
        uploadUrl={uploadUrl}
        onBusyChange={setUploading}
        error={state.fieldErrors?.attachmentIds?.[0]}
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
        <SubmitButton pendingText="Sending…" disabled={uploading}>
          {staff ? 'Send' : 'Send reply'}
        </SubmitButton>
      </div>
    </form>
  );
}
