import { v1ReopenTicket } from '@/lib/api/v1/support';
import { customerTicketRoute } from '@/lib/api/v1/ticket-routes';
import { reopenTicket } from '@/lib/support/tickets';

export const { GET, POST, PUT, PATCH, DELETE } = customerTicketRoute(
  v1ReopenTicket,
  'Ticket reopened',
  reopenTicket,
);
