import { v1Ok } from '@/lib/api/v1/envelope';
import { presentStaffTicket, staffMergeTicket } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { mergeTickets } from '@/lib/support/tickets';

const handler = route(staffMergeTicket, async ({ session, params, body }) => ({
  body: v1Ok(
    'Tickets merged',
    presentStaffTicket(
      await mergeTickets({ sourceId: params.id, targetId: body.targetId }),
      session.user.id,
    ),
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
