import { v1UploadTicketAttachment } from '@/lib/api/v1/support';
import { ticketUploadRoute } from '@/lib/api/v1/ticket-routes';

export const { GET, POST, PUT, PATCH, DELETE } = ticketUploadRoute(v1UploadTicketAttachment, {
  asStaff: false,
});
