import { enumLabel } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date';
import { DataTable, TitleCell, type Column } from '@/components/ui/table';
import type { SlaState } from '@/lib/support/sla';
import type { TicketCategory, TicketPriority, TicketStatus } from '@/lib/support/tickets';
import { PriorityBadge, SlaBadge, TicketStatusBadge } from './ticket-badges';

export interface TicketRow {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  category: TicketCategory;
  lastMessageAt: Date;
  /** The agents' queue shows who asked, who has it and how its SLA stands. */
  staff?: {
    customer: string;
    assignee: string | null;
    sla: SlaState | null;
    dueAt: Date | null;
  };
}

const assigned = (staff: NonNullable<TicketRow['staff']>) =>
  staff.assignee ? `Assigned to ${staff.assignee}` : 'Unassigned';

function columns(basePath: string, forStaff: boolean): Column<TicketRow>[] {
  const staffOnly = (column: Column<TicketRow>) => (forStaff ? [column] : []);
  return [
    {
      header: 'Ticket',
      className: 'max-w-xs',
      cell: (t) => (
        <TitleCell
          title={t.subject}
          href={`${basePath}/ticket_${t.id}`}
          meta={`ticket_${t.id} · ${enumLabel(t.category)}`}
        />
      ),
    },
    ...staffOnly({
      header: 'Customer',
      cell: (t) =>
        t.staff ? (
          <>
            <p className="break-words">{t.staff.customer}</p>
            <p className="text-xs text-slate-500 dark:text-slate-400">{assigned(t.staff)}</p>
          </>
        ) : null,
    }),
    { header: 'Status', cell: (t) => <TicketStatusBadge status={t.status} forStaff={forStaff} /> },
    { header: 'Priority', cell: (t) => <PriorityBadge priority={t.priority} /> },
    ...staffOnly({
      header: 'Due',
      className: 'whitespace-nowrap',
      cell: (t) => (
        <div className="flex flex-col items-start gap-1">
          {t.staff?.dueAt ? <RelativeTime date={t.staff.dueAt} /> : '—'}
          <SlaBadge state={t.staff?.sla ?? null} />
        </div>
      ),
    }),
    {
      header: 'Last activity',
      className: 'whitespace-nowrap',
      cell: (t) => <RelativeTime date={t.lastMessageAt} />,
    },
  ];
}

/**
 * Tickets as a table from md up and as cards below it. The customer's list and the agents' queue
 * share it; the queue adds its columns.
 */
export function TicketList({ tickets, basePath }: { tickets: TicketRow[]; basePath: string }) {
  const forStaff = tickets.some((t) => t.staff);
  return (
    <DataTable
      rows={tickets}
      columns={columns(basePath, forStaff)}
      rowKey={(t) => t.id}
      card={(t) => (
        <>
          <TitleCell
            title={t.subject}
            href={`${basePath}/ticket_${t.id}`}
            meta={
              <>
                ticket_{t.id} · {enumLabel(t.category)} · <RelativeTime date={t.lastMessageAt} />
              </>
            }
          />
          {t.staff ? (
            <p className="mt-1 text-xs break-words text-slate-500 dark:text-slate-400">
              {t.staff.customer} · {assigned(t.staff)}
            </p>
          ) : null}
          <div className="mt-2 flex flex-wrap gap-2">
            <TicketStatusBadge status={t.status} forStaff={forStaff} />
            <PriorityBadge priority={t.priority} />
            {t.staff ? <SlaBadge state={t.staff.sla} /> : null}
          </div>
        </>
      )}
    />
  );
}
