import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveRefresh } from '@/components/support/live-refresh';
import { MergedNotice } from '@/components/support/merged-notice';
import { MessageThread } from '@/components/support/message-thread';
import { RatingForm } from '@/components/support/rating-form';
import { ReplyForm } from '@/components/support/reply-form';
import { PriorityBadge, TicketStatusBadge } from '@/components/support/ticket-badges';
import { TicketActionButton } from '@/components/support/ticket-action-button';
import { Alert } from '@/components/ui/alert';
import { enumLabel } from '@/components/ui/badge';
import { buttonClass, textLinkClass } from '@/components/ui/button-class';
import { Card } from '@/components/ui/card';
import { requireSession } from '@/lib/auth/guards';
import { firstParam, type SearchParams } from '@/lib/http/search-params';
import { orNotFound } from '@/lib/http/page-errors';
import { attachmentLink } from '@/lib/support/attachments';
import { purchaseId } from '@/lib/payments/views';
import { getTicket, ticketId } from '@/lib/support/tickets';
import { parsePrefixedId } from '@/lib/validations/ids';
import { rateAction, reopenAction, replyAction, resolveAction } from '../actions';

export const metadata: Metadata = { title: 'Ticket' };

/**
 * One ticket's thread. No loading.tsx sits above this route, so another customer's ticket (or an
 * id that is not `ticket_<n>`) is decided as a 404 before anything streams.
 */
export default async function TicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const session = await requireSession();
  const id = parsePrefixedId('ticket', (await params).id);
  if (id === null) notFound();
  const ticket = await orNotFound(getTicket({ userId: session.user.id, ticketId: id }));
  const opened = firstParam((await searchParams).opened) === '1';
  const name = `${session.user.firstName} ${session.user.lastName}`;
  const tid = ticketId(ticket.id);
  const closed = ticket.status === 'CLOSED';

  return (
    <>
      <LiveRefresh />
      <Link href="/support" className={`text-sm ${textLinkClass}`}>
        ← All tickets
      </Link>
      <div className="mt-2 mb-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight break-words">{ticket.subject}</h1>
      </div>
      <div className="mb-6 flex flex-wrap items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
        <span>{tid}</span>
        <span aria-hidden="true">·</span>
        <span>{enumLabel(ticket.category)}</span>
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        {ticket.contractId !== null ? (
          <Link href={`/contracts/${ticket.contractId}`} className={textLinkClass}>
            Contract {ticket.contractId}
          </Link>
        ) : null}
        {ticket.purchaseId !== null ? (
          <Link href={`/purchases/${purchaseId(ticket.purchaseId)}`} className={textLinkClass}>
            {purchaseId(ticket.purchaseId)}
          </Link>
        ) : null}
      </div>
      {opened ? (
        <div className="mb-4">
          <Alert tone="success">Your ticket is open. We will answer here and by e-mail.</Alert>
        </div>
      ) : null}
      <MergedNotice into={ticket.mergedIntoId} basePath="/support" />

      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="space-y-6">
          <MessageThread
            ticket={ticket}
            openedBy={name}
            linkFor={(attachment) => attachmentLink(attachment, session.user.id).path}
          />
          {closed ? (
            <Alert tone="info">
              This ticket is closed and takes no more replies.{' '}
              <Link href={`/support/new?followUpOf=${tid}`} className={textLinkClass}>
                Open a follow-up ticket
              </Link>
            </Alert>
          ) : (
            <Card title="Reply">
              <ReplyForm
                action={replyAction}
                ticketId={tid}
                uploadUrl={`/api/v1/support/tickets/${tid}/attachments`}
              />
            </Card>
          )}
        </div>
        <aside className="space-y-4">
          <Card title="Status">
            <div className="space-y-3 text-sm">
              {ticket.status === 'RESOLVED' ? (
                <>
                  <p>Resolved. Still a problem? Reopen it, or simply reply.</p>
                  <TicketActionButton
                    action={reopenAction}
                    ticketId={tid}
                    label="Reopen ticket"
                    pendingText="Reopening…"
                  />
                </>
              ) : closed ? (
                <p>Closed.</p>
              ) : (
                <>
                  <p>Problem solved? Let us know.</p>
                  <TicketActionButton
                    action={resolveAction}
                    ticketId={tid}
                    label="Mark as resolved"
                    pendingText="Resolving…"
                  />
                </>
              )}
            </div>
          </Card>
          {ticket.canRate ? (
            <Card title="Rate this answer">
              <RatingForm action={rateAction} ticketId={tid} />
            </Card>
          ) : ticket.rating ? (
            <Card title="Your rating">
              <p className="text-sm">
                {ticket.rating.rating === 'GOOD' ? 'Good' : 'Bad'}
                {ticket.rating.comment ? `: “${ticket.rating.comment}”` : ''}
              </p>
            </Card>
          ) : null}
          {closed && !ticket.mergedIntoId ? (
            <Link href={`/support/new?followUpOf=${tid}`} className={buttonClass('secondary')}>
              Open a follow-up
            </Link>
          ) : null}
        </aside>
      </div>
    </>
  );
}
