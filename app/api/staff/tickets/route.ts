import { presentPage, upper, v1Ok } from '@/lib/api/v1/envelope';
import { presentStaffTicketSummary, staffListTickets } from '@/lib/api/v1/support';
import { methods, route } from '@/lib/http/handler';
import { listQueue } from '@/lib/support/tickets';

const handler = route(staffListTickets, async ({ session, query }) => {
  const page = await listQueue({
    actorId: session.user.id,
    status: query.status ? upper(query.status) : undefined,
    category: query.category ? upper(query.category) : undefined,
    priority: query.priority ? upper(query.priority) : undefined,
    assignee: query.assignee,
    q: query.q || undefined,
    page: query.page,
    pageSize: query.page_size,
  });
  return { body: v1Ok('Queue', presentPage(page, presentStaffTicketSummary)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
