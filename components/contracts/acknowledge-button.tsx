'use client';

import type { FormAction } from '@/lib/actions/validated-action';
import { RowActionForm } from '@/components/ui/row-action-form';

/** One alert's "Acknowledge" form; the page re-renders with the alert acknowledged. */
export function AcknowledgeButton({
  alertId,
  message,
  action,
}: {
  alertId: number;
  message: string;
  action: FormAction;
}) {
  return (
    <RowActionForm
      action={action}
      name="alertId"
      value={alertId}
      pendingText="Acknowledging…"
      label={`Acknowledge “${message}”`}
    >
      Acknowledge
    </RowActionForm>
  );
}
