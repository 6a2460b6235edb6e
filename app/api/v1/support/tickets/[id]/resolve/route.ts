import { v1ResolveTicket } from '@/lib/api/v1/support';
import { customerTicketRoute } from '@/lib/api/v1/ticket-routes';
import { resolveTicket } from '@/lib/support/tickets';

export const { GET, POST, PUT, PATCH, DELETE } = customerTicketRoute(
  v1ResolveTicket,
  'Ticket resolved',
  resolveTicket,
);
