import Link from 'next/link';
import { enumLabel } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date';
import type { SlaState } from '@/lib/support/sla';
import type { TicketCategory, TicketPriority, TicketStatus } from '@/lib/support/tickets';
import { PriorityBadge, SlaBadge, TicketStatusBadge } from './ticket-badges';

const linkClass = 'font-medium text-brand-600 hover:underline dark:text-brand-100';

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

/**
 * Tickets as a table from md up and as cards below it (only one of the two is displayed). The
 * customer's list and the agents' queue share it; the queue adds its columns.
 */
export function TicketList({ tickets, basePath }: { tickets: TicketRow[]; basePath: string }) {
  const forStaff = tickets.some((t) => t.staff);
  const href = (t: TicketRow) => `${basePath}/ticket_${t.id}`;
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm md:block dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Ticket
              </th>
              {forStaff ? (
                <th scope="col" className="px-4 py-3 font-medium">
                  Customer
                </th>
              ) : null}
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Priority
              </th>
              {forStaff ? (
                <th scope="col" className="px-4 py-3 font-medium">
                  Due
                </th>
              ) : null}
              <th scope="col" className="px-4 py-3 font-medium">
                Last activity
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {tickets.map((t) => (
              <tr key={t.id}>
                <td className="max-w-xs px-4 py-3">
                  <Link href={href(t)} className={`${linkClass} break-words`}>
                    {t.subject}
                  </Link>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    ticket_{t.id} · {enumLabel(t.category)}
                  </p>
                </td>
                {t.staff ? (
                  <td className="px-4 py-3">
                    <p className="break-words">{t.staff.customer}</p>
                    <p className="text-xs text-slate-500 dark:text-slate-400">
                      {t.staff.assignee ? `Assigned to ${t.staff.assignee}` : 'Unassigned'}
                    </p>
                  </td>
                ) : null}
                <td className="px-4 py-3">
                  <TicketStatusBadge status={t.status} forStaff={forStaff} />
                </td>
                <td className="px-4 py-3">
                  <PriorityBadge priority={t.priority} />
                </td>
                {t.staff ? (
                  <td className="px-4 py-3 whitespace-nowrap">
                    <div className="flex flex-col items-start gap-1">
                      {t.staff.dueAt ? <RelativeTime date={t.staff.dueAt} /> : '—'}
                      <SlaBadge state={t.staff.sla} />
                    </div>
                  </td>
                ) : null}
                <td className="px-4 py-3 whitespace-nowrap">
                  <RelativeTime date={t.lastMessageAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 md:hidden">
        {tickets.map((t) => (
          <li
            key={t.id}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <Link href={href(t)} className={`${linkClass} break-words`}>
              {t.subject}
            </Link>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              ticket_{t.id} · {enumLabel(t.category)} · <RelativeTime date={t.lastMessageAt} />
            </p>
            {t.staff ? (
              <p className="mt-1 text-xs break-words text-slate-500 dark:text-slate-400">
                {t.staff.customer} ·{' '}
                {t.staff.assignee ? `Assigned to ${t.staff.assignee}` : 'Unassigned'}
              </p>
            ) : null}
            <div className="mt-2 flex flex-wrap gap-2">
              <TicketStatusBadge status={t.status} forStaff={forStaff} />
              <PriorityBadge priority={t.priority} />
              {t.staff ? <SlaBadge state={t.staff.sla} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
