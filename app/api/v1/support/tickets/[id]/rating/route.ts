import { upper, v1Ok } from '@/lib/api/v1/envelope';
import { presentTicket, v1RateTicket } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { rateTicket } from '@/lib/support/tickets';

const handler = route(v1RateTicket, async ({ session, params, body }) => {
  const ticket = await rateTicket({
    userId: session.user.id,
    ticketId: params.id,
    rating: upper(body.rating),
    comment: body.comment,
  });
  return {
    status: 201,
    body: v1Ok('Thank you for rating', presentTicket(ticket, session.user.id)),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
