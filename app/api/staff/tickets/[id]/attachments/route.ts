import { staffUploadTicketAttachment } from '@/lib/api/v1/support';
import { ticketUploadRoute } from '@/lib/api/v1/ticket-routes';

export const { GET, POST, PUT, PATCH, DELETE } = ticketUploadRoute(staffUploadTicketAttachment, {
  asStaff: true,
});
