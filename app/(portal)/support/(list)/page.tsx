import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { TicketList } from '@/components/support/ticket-list';
import { EmailPreference } from '@/components/support/email-preference';
import { StatusLinks } from '@/components/support/status-links';
import { buttonClass, textLinkClass } from '@/components/ui/button-class';
import { EmptyState } from '@/components/ui/card';
import { IgnoredStatus } from '@/components/ui/filter-links';
import { PagedList } from '@/components/ui/paged-list';
import { upper } from '@/lib/api/v1/envelope';
import { getSupportEmails } from '@/lib/accounts/users';
import { requireSession } from '@/lib/auth/guards';
import { readPageQuery, type QueryPageProps } from '@/lib/http/search-params';
import { listTickets } from '@/lib/support/tickets';
import { ticketsQuery, type TicketStatusName } from '@/lib/validations/support';
import { supportEmailsAction } from '../actions';

export const metadata: Metadata = { title: 'Support' };

const PAGE_SIZE = 10;

export default async function SupportPage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  const { query, dropped } = readPageQuery(ticketsQuery, await searchParams);
  const { status, page } = query;
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
      <IgnoredStatus value={dropped.status} noun="ticket" />
      <PagedList
        result={result}
        label="Ticket pages"
        basePath="/support"
        query={{ status }}
        empty={
          status ? (
            <EmptyState title={`No ${statusWords(status)} tickets`}>
              <Link href="/support" className={textLinkClass}>
                Show all tickets
              </Link>
            </EmptyState>
          ) : (
            <EmptyState title="No tickets yet">
              Questions about your contracts, purchases or the software?{' '}
              <Link href="/support/new" className={textLinkClass}>
                Open a ticket
              </Link>{' '}
              and our team answers here.
            </EmptyState>
          )
        }
      >
        {(items) => <TicketList tickets={items} basePath="/support" />}
      </PagedList>
      <div className="mt-8 border-t border-slate-200 pt-4 dark:border-slate-800">
        <EmailPreference action={supportEmailsAction} enabled={emails} />
      </div>
    </>
  );
}

function statusWords(status: TicketStatusName): string {
  return status.replace('_', ' ');
}
