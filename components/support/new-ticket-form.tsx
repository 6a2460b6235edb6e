'use client';

import { useActionState, useState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { BODY_MAX, SUBJECT_MAX } from '@/lib/validations/support';
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS } from './options';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-state';
import { AttachmentPicker } from './attachment-picker';

/** Opening a ticket; on success the action goes to the new ticket's page. */
export function NewTicketForm({
  action,
  references,
  followUpOf,
}: {
  action: FormAction;
  /** The customer's contracts and purchases: `contract:12`, `purchase_3`. */
  references: { value: string; label: string }[];
  followUpOf?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const [uploading, setUploading] = useState(false);
  const err = (field: string) => state.fieldErrors?.[field]?.[0];
  const bind = fieldBinder(state, { category: 'technical', priority: 'medium' });
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {followUpOf ? (
        <>
          <input type="hidden" name="followUpOf" value={followUpOf} />
          <Alert tone="info">This ticket follows up the closed ticket {followUpOf}.</Alert>
        </>
      ) : null}
      <Field {...bind('subject')} label="Subject" required maxLength={SUBJECT_MAX} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField {...bind('category')} label="Category" options={CATEGORY_OPTIONS} />
        <SelectField {...bind('priority')} label="Priority" options={PRIORITY_OPTIONS} />
      </div>
      <SelectField
        {...bind('reference')}
        label="About (optional)"
        hint="One of your contracts or purchases, if the question is about one"
        options={[{ value: '', label: 'Nothing in particular' }, ...references]}
        error={err('reference') ?? err('contractId') ?? err('purchaseId')}
      />
      <TextareaField
        {...bind('description')}
        label="Describe the problem"
        hint="What happened, what you expected, and any error message. Plain text."
        required
        rows={8}
        maxLength={BODY_MAX}
      />
      <AttachmentPicker
        uploadUrl="/api/v1/support/attachments"
        onBusyChange={setUploading}
        error={err('attachmentIds')}
      />
      <SubmitButton pendingText="Opening…" disabled={uploading}>
        Open ticket
      </SubmitButton>
    </form>
  );
}
