import { DeliveryStatusBadge } from '@/components/mail/delivery-status-badge';
import { RelativeTime } from '@/components/ui/date';
import type { DeliveryState } from '@/lib/mail/notifications';

const KINDS: Record<string, string> = {
  ticket_agent_reply: 'Reply to customer',
  ticket_resolved: 'Resolved notice',
  staff_ticket_opened: 'New ticket to agents',
  staff_customer_reply: 'Customer reply to agents',
};

/** What became of each e-mail about a ticket; staff only. */
export function EmailDeliveries({ emails }: { emails: DeliveryState[] }) {
  if (emails.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">No e-mail about this ticket.</p>
    );
  }
  return (
    <ul className="space-y-3 text-sm">
      {emails.map((e) => (
        <li key={e.id} data-testid="email-delivery">
          <div className="flex items-center justify-between gap-2">
            <span className="font-medium">{KINDS[e.kind] ?? e.kind}</span>
            <DeliveryStatusBadge status={e.status} />
          </div>
          <p className="break-all text-xs text-slate-500 dark:text-slate-400">
            To {e.to} · <RelativeTime date={e.sentAt ?? e.createdAt} />
            {e.attempts > 1 ? ` · ${e.attempts} attempts` : ''}
          </p>
          {e.lastError && e.status !== 'SENT' ? (
            <p className="text-xs break-words text-red-700 dark:text-red-300">{e.lastError}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
