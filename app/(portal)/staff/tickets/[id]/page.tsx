import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EmailDeliveries } from '@/components/support/email-deliveries';
import { LiveRefresh } from '@/components/support/live-refresh';
import { MergedNotice } from '@/components/support/merged-notice';
import { MessageThread } from '@/components/support/message-thread';
import { ReplyForm } from '@/components/support/reply-form';
import { MergeForm, StaffTicketForm } from '@/components/support/staff-ticket-form';
import { PriorityBadge, SlaBadge, TicketStatusBadge } from '@/components/support/ticket-badges';
import { enumLabel } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/date';
import { requireSession } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/http/page-errors';
import { attachmentLink } from '@/lib/support/attachments';
import { purchaseId } from '@/lib/payments/views';
import { SAVED_REPLIES } from '@/lib/support/saved-replies';
import { getStaffTicket, listAgents, ticketId } from '@/lib/support/tickets';
import { parsePrefixedId } from '@/lib/validations/ids';
import { staffMergeAction, staffReplyAction, staffUpdateAction } from '../actions';
import { textLinkClass } from '@/components/ui/button-class';

export const metadata: Metadata = { title: 'Ticket (staff)' };

const termClass = 'text-slate-500 dark:text-slate-400';

export default async function StaffTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  if (!can(session.user, 'VIEW_ALL_TICKETS')) notFound();
  const id = parsePrefixedId('ticket', (await params).id);
  if (id === null) notFound();
  const [ticket, agents] = await Promise.all([
    orNotFound(getStaffTicket({ ticketId: id })),
    listAgents(),
  ]);
  const tid = ticketId(ticket.id);

  return (
    <>
      <LiveRefresh />
      <Link href="/staff/tickets" className={`text-sm ${textLinkClass}`}>
        ← Queue
      </Link>
      <h1 className="mt-2 mb-2 text-2xl font-bold tracking-tight break-words">{ticket.subject}</h1>
      <div className="mb-6 flex flex-wrap items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
        <span>{tid}</span>
        <span aria-hidden="true">·</span>
        <span>{enumLabel(ticket.category)}</span>
        <TicketStatusBadge status={ticket.status} forStaff />
        <PriorityBadge priority={ticket.priority} />
        <SlaBadge state={ticket.sla.state} />
      </div>
      <MergedNotice into={ticket.mergedIntoId} basePath="/staff/tickets" />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          <MessageThread
            ticket={ticket}
            openedBy={ticket.customer.name}
            linkFor={(attachment) => attachmentLink(attachment, session.user.id).path}
          />
          {ticket.mergedIntoId === null ? (
            <Card title="Reply or add a note">
              <ReplyForm
                action={staffReplyAction}
                ticketId={tid}
                uploadUrl={`/api/staff/tickets/${tid}/attachments`}
                staff
                savedReplies={SAVED_REPLIES}
              />
            </Card>
          ) : null}
        </div>
        <aside className="space-y-4">
          <Card title="Customer">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className={termClass}>Name</dt>
              <dd className="break-words">{ticket.customer.name}</dd>
              <dt className={termClass}>E-mail</dt>
              <dd className="break-all">{ticket.customer.email}</dd>
              {ticket.contractId !== null ? (
                <>
                  <dt className={termClass}>Contract</dt>
                  <dd>{ticket.contractId}</dd>
                </>
              ) : null}
              {ticket.purchaseId !== null ? (
                <>
                  <dt className={termClass}>Purchase</dt>
                  <dd>{purchaseId(ticket.purchaseId)}</dd>
                </>
              ) : null}
              <dt className={termClass}>SLA due</dt>
              <dd>
                {ticket.sla.dueAt ? <RelativeTime date={ticket.sla.dueAt} /> : 'Clock stopped'}
              </dd>
              {ticket.rating ? (
                <>
                  <dt className={termClass}>Rating</dt>
                  <dd>
                    {enumLabel(ticket.rating.rating)}
                    {ticket.rating.comment ? `: “${ticket.rating.comment}”` : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          </Card>
          <Card title="E-mail">
            <EmailDeliveries emails={ticket.emails} />
          </Card>
          {ticket.mergedIntoId === null ? (
            <>
              <Card title="Ticket">
                <StaffTicketForm
                  // A reply changes the status: the selects start again from what is stored.
                  key={`${ticket.status}:${ticket.priority}:${ticket.assignee?.id ?? ''}`}
                  action={staffUpdateAction}
                  ticketId={tid}
                  current={{
                    status: ticket.status.toLowerCase(),
                    priority: ticket.priority.toLowerCase(),
                    assigneeId: ticket.assignee?.id ?? null,
                  }}
                  agents={agents.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` }))}
                />
              </Card>
              <Card title="Merge">
                <MergeForm action={staffMergeAction} ticketId={tid} />
              </Card>
            </>
          ) : null}
        </aside>
      </div>
    </>
  );
}
