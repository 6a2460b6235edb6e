import { v1Ok } from '@/lib/api/v1/envelope';
import { presentTicket, v1ResolveTicket } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { resolveTicket } from '@/lib/support/tickets';

const handler = route(v1ResolveTicket, async ({ session, params }) => ({
  body: v1Ok(
    'Ticket resolved',
    presentTicket(
      await resolveTicket({ userId: session.user.id, ticketId: params.id }),
      session.user.id,
    ),
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
