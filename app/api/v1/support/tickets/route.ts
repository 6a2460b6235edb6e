import { presentPage, upper, v1Ok } from '@/lib/api/v1/envelope';
import {
  presentTicket,
  presentTicketSummary,
  v1CreateTicket,
  v1ListTickets,
} from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { createTicket, listTickets } from '@/lib/support/tickets';

const list = route(v1ListTickets, async ({ session, query }) => {
  const page = await listTickets({
    userId: session.user.id,
    status: query.status ? upper(query.status) : undefined,
    page: query.page,
    pageSize: query.page_size,
  });
  return { body: v1Ok('Tickets', presentPage(page, presentTicketSummary)) };
});

const create = route(v1CreateTicket, async ({ session, body }) => {
  const ticket = await createTicket({
    userId: session.user.id,
    subject: body.subject,
    description: body.description,
    category: upper(body.category),
    priority: upper(body.priority),
    contractId: body.contractId,
    purchaseId: body.purchaseId,
    followUpOfId: body.followUpOf,
    attachmentIds: body.attachmentIds,
  });
  return { status: 201, body: v1Ok('Ticket opened', presentTicket(ticket, session.user.id)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: list, POST: create });
