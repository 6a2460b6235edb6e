import 'server-only';
import { findMailRecipient, type Tx } from '@/lib/accounts/users';
import { getEnv } from '@/lib/env';
import { queueMail } from '@/lib/mail/notifications';
import { replyAddress } from '@/lib/mail/reply-address';
import { agentReplyMail, resolvedMail, staffTicketMail } from '@/lib/mail/templates';

/**
 * Who hears of what in support, decided once. Every call runs in the transaction that makes the
 * change, so the e-mail exists exactly when the change does. Internal notes never get here.
 *
 * - The customer: an agent's public reply, and a resolution by an agent (non-essential: the
 *   customer may turn these off). Reply-To is their own reply+… address.
 * - The agents: a new ticket and a customer's reply go to the assigned agent (with their own
 *   reply+… address, so they can answer by e-mail), or to SUPPORT_NOTIFY_EMAIL when nobody is
 *   assigned (a shared mailbox has no Reply-To: answers are given in the portal).
 */
export interface TicketFacts {
  id: number;
  userId: number;
  subject: string;
  assigneeId: number | null;
}

const ref = (id: number) => `ticket_${id}`;

export async function notifyCustomer(
  tx: Tx,
  ticket: TicketFacts,
  event:
    { kind: 'agent_reply'; messageId: number; body: string; author: string } | { kind: 'resolved' },
): Promise<void> {
  const customer = await findMailRecipient(tx, ticket.userId);
  if (!customer?.active || !customer.supportEmails) return;
  const link = `${getEnv().appUrl}/support/${ref(ticket.id)}`;
  const input = { ticketRef: ref(ticket.id), subject: ticket.subject, link };
  await queueMail(tx, {
    kind: event.kind === 'agent_reply' ? 'ticket_agent_reply' : 'ticket_resolved',
    to: customer.email,
    userId: customer.id,
    ticketId: ticket.id,
    ticketMessageId: event.kind === 'agent_reply' ? event.messageId : null,
    replyTo: replyAddress(ticket.id, customer.id),
    mail:
      event.kind === 'agent_reply'
        ? agentReplyMail({ ...input, body: event.body, author: event.author })
        : resolvedMail(input),
  });
}

export async function notifyAgents(
  tx: Tx,
  ticket: TicketFacts,
  event: { kind: 'opened' | 'replied'; body: string; author: string; messageId?: number },
): Promise<void> {
  const link = `${getEnv().appUrl}/staff/tickets/${ref(ticket.id)}`;
  const mail = staffTicketMail({
    ticketRef: ref(ticket.id),
    subject: ticket.subject,
    link,
    body: event.body,
    author: event.author,
    event: event.kind,
  });
  const base = {
    kind: event.kind === 'opened' ? 'staff_ticket_opened' : 'staff_customer_reply',
    ticketId: ticket.id,
    ticketMessageId: event.messageId ?? null,
    mail,
  };
  const agent = ticket.assigneeId ? await findMailRecipient(tx, ticket.assigneeId) : null;
  if (agent?.active) {
    await queueMail(tx, {
      ...base,
      to: agent.email,
      userId: agent.id,
      replyTo: replyAddress(ticket.id, agent.id),
    });
    return;
  }
  const shared = getEnv().SUPPORT_NOTIFY_EMAIL;
  if (shared) await queueMail(tx, { ...base, to: shared });
}
