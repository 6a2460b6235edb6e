import { upper, v1Ok } from '@/lib/api/v1/envelope';
import { presentStaffTicket, staffGetTicket, staffUpdateTicket } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { getStaffTicket, updateTicket } from '@/lib/support/tickets';

const get = route(staffGetTicket, async ({ session, params }) => ({
  body: v1Ok(
    'Ticket',
    presentStaffTicket(await getStaffTicket({ ticketId: params.id }), session.user.id),
  ),
}));

const update = route(staffUpdateTicket, async ({ session, params, body }) => {
  const ticket = await updateTicket({
    ticketId: params.id,
    status: body.status ? upper(body.status) : undefined,
    priority: body.priority ? upper(body.priority) : undefined,
    assigneeId: body.assigneeId,
  });
  return { body: v1Ok('Ticket updated', presentStaffTicket(ticket, session.user.id)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: get, PATCH: update });
