import { v1Ok } from '@/lib/api/v1/envelope';
import { presentStaffMessage, staffAddTicketMessage } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { addStaffMessage } from '@/lib/support/tickets';

const handler = route(staffAddTicketMessage, async ({ session, params, body }) => {
  const added = await addStaffMessage({ ...body, actorId: session.user.id, ticketId: params.id });
  return {
    status: 201,
    body: v1Ok(
      body.internal ? 'Note added' : 'Reply sent',
      presentStaffMessage(added.ticketId, added.message, session.user.id),
    ),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
