import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OutboxMail } from '@/components/mail/outbox-mail';
import { EmptyState } from '@/components/ui/card';
import { PagedList } from '@/components/ui/paged-list';
import { getEnv } from '@/lib/env';
import { readPageQuery, type QueryPageProps } from '@/lib/http/search-params';
import { listOutbox } from '@/lib/mail/notifications';
import { pageOnlyQuery } from '@/lib/validations/pagination';

export const metadata: Metadata = { title: 'Outbox (development)' };
export const dynamic = 'force-dynamic';

/**
 * Every e-mail the portal wrote, newest first, for the demo and for development. It shows links
 * meant for one person (password resets), so it exists only while the portal is reachable from
 * this machine alone (APP_URL and HOST on loopback); anywhere else it is a 404.
 */
export default async function OutboxPage({ searchParams }: QueryPageProps) {
  if (!getEnv().loopbackOnly) notFound();
  const { page } = readPageQuery(pageOnlyQuery, await searchParams).query;
  const mails = await listOutbox(page, 20);
  const transport = getEnv().SMTP_URL ? 'SMTP_URL' : 'the outbox only (no SMTP_URL)';
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500 dark:text-slate-400">
        Development only: every e-mail the portal queued, delivered to {transport}.
      </p>
      <PagedList
        result={mails}
        label="Outbox pages"
        basePath="/dev/outbox"
        empty={
          <EmptyState title="No e-mail yet">
            Open a ticket and answer it as the support agent to see one.
          </EmptyState>
        }
      >
        {(items) => (
          <ol className="space-y-4">
            {items.map((m) => (
              <li key={m.id}>
                <OutboxMail mail={m} />
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </main>
  );
}
