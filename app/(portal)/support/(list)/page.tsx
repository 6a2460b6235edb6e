import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { TicketList } from '@/components/support/ticket-list';
import { EmailPreference } from '@/components/support/email-preference';
import { StatusLinks } from '@/components/support/status-links';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button-class';
import { EmptyState } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { upper } from '@/lib/api/v1/envelope';
import { getSupportEmails } from '@/lib/accounts/users';
import { requireSession } from '@/lib/auth/guards';
import { firstParam, type SearchParams } from '@/lib/http/search-params';
import { listTickets } from '@/lib/support/tickets';
import { pageQuery } from '@/lib/validations/pagination';
import { TICKET_STATUSES, type TicketStatusName } from '@/lib/validations/support';
import { supportEmailsAction } from '../actions';

export const metadata: Metadata = { title: 'Support' };

const PAGE_SIZE = 10;
const linkClass = 'font-medium text-brand-600 hover:underline dark:text-brand-100';

export default async function SupportPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const session = await requireSession();
  const params = await searchParams;
  const raw = firstParam(params.status);
  const status = TICKET_STATUSES.find((s) => s === raw);
  const page = pageQuery.parse(firstParam(params.page));
  const [result, emails] = await Promise.all([
    listTickets({
      userId: session.user.id,
      status: status ? upper(status) : undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    getSupportEmails(session.user.id),
  ]);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Support" description="Your questions to our support team." />
        <Link href="/support/new" className={buttonClass('primary')}>
          New ticket
        </Link>
      </div>
      <StatusLinks basePath="/support" current={status} />
      {raw && !status ? (
        <div className="mb-4">
          <Alert tone="info">
            “{raw.slice(0, 40)}” is not a ticket status; showing all tickets.
          </Alert>
        </div>
      ) : null}
      {result.items.length > 0 ? (
        <>
          <TicketList tickets={result.items} basePath="/support" />
          <Pagination
            className="mt-4"
            label="Ticket pages"
            page={result.page}
            totalPages={result.totalPages}
            basePath="/support"
            query={{ status }}
          />
        </>
      ) : result.total > 0 ? (
        <EmptyState title="This page is empty">
          <Link href="/support" className={linkClass}>
            Go to the first page
          </Link>
        </EmptyState>
      ) : status ? (
        <EmptyState title={`No ${statusWords(status)} tickets`}>
          <Link href="/support" className={linkClass}>
            Show all tickets
          </Link>
        </EmptyState>
      ) : (
        <EmptyState title="No tickets yet">
          Questions about your contracts, purchases or the software?{' '}
          <Link href="/support/new" className={linkClass}>
            Open a ticket
          </Link>{' '}
          and our team answers here.
        </EmptyState>
      )}
      <div className="mt-8 border-t border-slate-200 pt-4 dark:border-slate-800">
        <EmailPreference action={supportEmailsAction} enabled={emails} />
      </div>
    </>
  );
}

function statusWords(status: TicketStatusName): string {
  return status.replace('_', ' ');
}
