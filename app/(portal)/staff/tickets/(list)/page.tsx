import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/page-header';
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS } from '@/components/support/options';
import { StatusLinks } from '@/components/support/status-links';
import { TicketList } from '@/components/support/ticket-list';
import { buttonClass, textLinkClass } from '@/components/ui/button-class';
import { EmptyState } from '@/components/ui/card';
import { Field, SelectField } from '@/components/ui/field';
import { PagedList } from '@/components/ui/paged-list';
import { queueFilter } from '@/lib/api/v1/support';
import { requireSession } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { readPageQuery, type QueryPageProps } from '@/lib/http/search-params';
import { listAgents, listQueue } from '@/lib/support/tickets';
import { staffQueueQuery } from '@/lib/validations/support';

export const metadata: Metadata = { title: 'Support queue' };

const PAGE_SIZE = 20;

export default async function StaffQueuePage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  // Customers get the same 404 as a page that does not exist.
  if (!can(session.user, 'VIEW_ALL_TICKETS')) notFound();
  // Anything unreadable in the query string is dropped, not refused.
  const f = readPageQuery(staffQueueQuery, await searchParams).query;
  const [result, agents] = await Promise.all([
    listQueue(queueFilter(f, { actorId: session.user.id, pageSize: PAGE_SIZE })),
    listAgents(),
  ]);
  const kept = {
    category: f.category,
    priority: f.priority,
    assignee: f.assignee === undefined ? undefined : String(f.assignee),
    q: f.q || undefined,
  };

  return (
    <>
      <PageHeader
        title="Support queue"
        description="Every customer's tickets: the most urgent SLA first, then priority, then age."
      />
      <StatusLinks basePath="/staff/tickets" current={f.status} extra={kept} forStaff />
      <form
        method="get"
        action="/staff/tickets"
        role="search"
        className="mb-6 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900"
      >
        {f.status ? <input type="hidden" name="status" value={f.status} /> : null}
        <Field
          id="q"
          name="q"
          type="search"
          label="Search"
          placeholder="Words in subjects and messages"
          defaultValue={f.q ?? ''}
          className="lg:col-span-2"
        />
        {[
          { name: 'category', label: 'Category', any: 'Any', options: CATEGORY_OPTIONS },
          { name: 'priority', label: 'Priority', any: 'Any', options: PRIORITY_OPTIONS },
          {
            name: 'assignee',
            label: 'Assignee',
            any: 'Anyone',
            options: [
              { value: 'me', label: 'Me' },
              { value: 'none', label: 'Unassigned' },
              ...agents.map((a) => ({
                value: String(a.id),
                label: `${a.firstName} ${a.lastName}`,
              })),
            ],
          },
        ].map((select) => (
          <SelectField
            key={select.name}
            id={select.name}
            name={select.name}
            label={select.label}
            defaultValue={kept[select.name as keyof typeof kept] ?? ''}
            options={[{ value: '', label: select.any }, ...select.options]}
          />
        ))}
        <div className="flex gap-2 sm:col-span-2 lg:col-span-5">
          <button type="submit" className={buttonClass('primary')}>
            Apply filters
          </button>
          <Link href="/staff/tickets" className={buttonClass('ghost')}>
            Clear
          </Link>
        </div>
      </form>
      <PagedList
        result={result}
        label="Queue pages"
        basePath="/staff/tickets"
        query={{ ...kept, status: f.status }}
        empty={
          <EmptyState title="No tickets match">
            Nothing waits here with these filters.{' '}
            <Link href="/staff/tickets" className={textLinkClass}>
              Show the whole queue
            </Link>
          </EmptyState>
        }
      >
        {(items) => (
          <TicketList
            basePath="/staff/tickets"
            tickets={items.map((t) => ({
              ...t,
              staff: {
                customer: `${t.customer.name} <${t.customer.email}>`,
                assignee: t.assignee?.name ?? null,
                sla: t.sla.state,
                dueAt: t.sla.dueAt,
              },
            }))}
          />
        )}
      </PagedList>
    </>
  );
}
