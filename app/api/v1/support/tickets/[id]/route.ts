import { v1GetTicket } from '@/lib/api/v1/support';
import { customerTicketRoute } from '@/lib/api/v1/ticket-routes';
import { getTicket } from '@/lib/support/tickets';

export const { GET, POST, PUT, PATCH, DELETE } = customerTicketRoute(
  v1GetTicket,
  'Ticket',
  getTicket,
);
