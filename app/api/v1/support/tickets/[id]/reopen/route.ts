import { v1Ok } from '@/lib/api/v1/envelope';
import { presentTicket, v1ReopenTicket } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { reopenTicket } from '@/lib/support/tickets';

const handler = route(v1ReopenTicket, async ({ session, params }) => ({
  body: v1Ok(
    'Ticket reopened',
    presentTicket(
      await reopenTicket({ userId: session.user.id, ticketId: params.id }),
      session.user.id,
    ),
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
