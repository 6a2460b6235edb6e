import { v1Ok } from '@/lib/api/v1/envelope';
import { presentTicket, v1GetTicket } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { getTicket } from '@/lib/support/tickets';

const handler = route(v1GetTicket, async ({ session, params }) => ({
  body: v1Ok(
    'Ticket',
    presentTicket(
      await getTicket({ userId: session.user.id, ticketId: params.id }),
      session.user.id,
    ),
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
