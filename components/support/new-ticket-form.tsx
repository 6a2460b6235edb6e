'use client';

import { useActionState, useState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { BODY_MAX, SUBJECT_MAX } from '@/lib/validations/support';
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS } from './options';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
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
  const value = (field: string, fallback = '') => state.values?.[field] ?? fallback;
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {followUpOf ? (
        <>
          <input type="hidden" name="followUpOf" value={followUpOf} />
          <Alert tone="info">This ticket follows up the closed ticket {followUpOf}.</Alert>
        </>
      ) : null}
      <Field
        id="subject"
        name="subject"
        label="Subject"
        required
        maxLength={SUBJECT_MAX}
        defaultValue={value('subject')}
        error={err('subject')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="category"
          name="category"
          label="Category"
          options={CATEGORY_OPTIONS}
          defaultValue={value('category', 'technical')}
          error={err('category')}
        />
        <SelectField
          id="priority"
          name="priority"
          label="Priority"
          options={PRIORITY_OPTIONS}
          defaultValue={value('priority', 'medium')}
          error={err('priority')}
        />
      </div>
      <SelectField
        id="reference"
        name="reference"
        label="About (optional)"
        hint="One of your contracts or purchases, if the question is about one"
        options={[{ value: '', label: 'Nothing in particular' }, ...references]}
        defaultValue={value('reference')}
        error={err('reference') ?? err('contractId') ?? err('purchaseId')}
      />
      <TextareaField
        id="description"
        name="description"
        label="Describe the problem"
        hint="What happened, what you expected, and any error message. Plain text."
        required
        rows={8}
        maxLength={BODY_MAX}
        defaultValue={value('description')}
        error={err('description')}
      />
      <AttachmentPicker uploadUrl="/api/v1/support/attachments" onBusyChange={setUploading} />
      {err('attachmentIds') ? (
        <p className="text-sm text-red-700 dark:text-red-300">{err('attachmentIds')}</p>
      ) : null}
      <SubmitButton pendingText="Opening…" disabled={uploading}>
        Open ticket
      </SubmitButton>
    </form>
  );
}
