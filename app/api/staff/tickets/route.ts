import { presentPage, v1Ok } from '@/lib/api/v1/envelope';
import { presentStaffTicketSummary, queueFilter, staffListTickets } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { listQueue } from '@/lib/support/tickets';

const handler = route(staffListTickets, async ({ session, query }) => {
  const filter = queueFilter(query, { actorId: session.user.id, pageSize: query.page_size });
  return { body: v1Ok('Queue', presentPage(await listQueue(filter), presentStaffTicketSummary)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
