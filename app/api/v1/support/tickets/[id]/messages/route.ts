import { v1Ok } from '@/lib/api/v1/envelope';
import { presentMessage, v1AddTicketMessage } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { addCustomerMessage } from '@/lib/support/tickets';

const handler = route(v1AddTicketMessage, async ({ session, params, body }) => {
  const added = await addCustomerMessage({ ...body, userId: session.user.id, ticketId: params.id });
  return {
    status: 201,
    body: v1Ok('Message added', presentMessage(added.ticketId, added.message, session.user.id)),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
