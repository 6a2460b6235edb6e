'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { PRIORITY_OPTIONS, STATUS_OPTIONS } from './options';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { FormAlerts, fieldBinder } from '@/components/ui/form-state';

/** Status, priority and assignee of a ticket, as an agent changes them. */
export function StaffTicketForm({
  action,
  ticketId,
  current,
  agents,
}: {
  action: FormAction;
  ticketId: string;
  current: { status: string; priority: string; assigneeId: number | null };
  agents: { id: number; name: string }[];
}) {
  const [state, formAction] = useActionState(action, {});
  const bind = fieldBinder(state, {
    status: current.status,
    priority: current.priority,
    assigneeId: current.assigneeId === null ? '' : String(current.assigneeId),
  });
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="ticketId" value={ticketId} />
      <FormAlerts state={state} />
      <SelectField {...bind('status')} label="Status" options={STATUS_OPTIONS} />
      <SelectField {...bind('priority')} label="Priority" options={PRIORITY_OPTIONS} />
      <SelectField
        {...bind('assigneeId')}
        label="Assignee"
        options={[
          { value: '', label: 'Unassigned' },
          ...agents.map((a) => ({ value: String(a.id), label: a.name })),
        ]}
      />
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save changes
      </SubmitButton>
    </form>
  );
}

/** Merging this ticket into another of the same customer's. */
export function MergeForm({ action, ticketId }: { action: FormAction; ticketId: string }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="ticketId" value={ticketId} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        id="targetId"
        name="targetId"
        label="Merge into ticket"
        placeholder="ticket_41"
        hint="Another ticket of the same customer; this one closes and its messages move there"
        defaultValue={state.values?.targetId}
        error={state.fieldErrors?.targetId?.[0]}
      />
      <SubmitButton variant="secondary" pendingText="Merging…">
        Merge
      </SubmitButton>
    </form>
  );
}
