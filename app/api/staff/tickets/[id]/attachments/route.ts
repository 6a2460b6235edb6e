import { presentUpload, staffUploadTicketAttachment } from '@/lib/api/v1/support';
import { methods, route, uploaded } from '@/lib/http/handler';
import { uploadAttachment } from '@/lib/support/uploads';

const handler = route(staffUploadTicketAttachment, async ({ session, params, file }) =>
  presentUpload(
    await uploadAttachment({
      uploaderId: session.user.id,
      asStaff: true,
      ticketId: params.id,
      file: uploaded(file),
    }),
    session.user.id,
  ),
);

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
