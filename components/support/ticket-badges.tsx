import { Badge, enumLabel, type BadgeTone } from '@/components/ui/badge';
import type { SlaState } from '@/lib/support/sla';
import type { TicketPriority, TicketStatus } from '@/lib/support/tickets';

const statusTones: Record<TicketStatus, BadgeTone> = {
  OPEN: 'blue',
  AWAITING_SUPPORT: 'amber',
  AWAITING_CUSTOMER: 'orange',
  RESOLVED: 'green',
  CLOSED: 'slate',
};

const statusLabels: Record<TicketStatus, string> = {
  OPEN: 'Open',
  AWAITING_SUPPORT: 'Awaiting support',
  AWAITING_CUSTOMER: 'Awaiting your reply',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};

const priorityTones: Record<TicketPriority, BadgeTone> = {
  LOW: 'slate',
  MEDIUM: 'blue',
  HIGH: 'orange',
  URGENT: 'red',
};

export function ticketStatusLabel(status: TicketStatus, forStaff = false): string {
  if (forStaff && status === 'AWAITING_CUSTOMER') return 'Awaiting customer';
  return statusLabels[status];
}

export function TicketStatusBadge({
  status,
  forStaff = false,
}: {
  status: TicketStatus;
  forStaff?: boolean;
}) {
  return <Badge tone={statusTones[status]}>{ticketStatusLabel(status, forStaff)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return <Badge tone={priorityTones[priority]}>{enumLabel(priority)} priority</Badge>;
}

/** The SLA as the queue shows it: only a clock that needs attention gets a badge. */
export function SlaBadge({ state }: { state: SlaState | null }) {
  if (state === 'breached') return <Badge tone="red">SLA breached</Badge>;
  if (state === 'due_soon') return <Badge tone="amber">Due soon</Badge>;
  return null;
}
