import { presentUpload, v1UploadAttachment } from '@/lib/api/v1/support';
import { methods, route, uploaded } from '@/lib/http/handler';
import { uploadAttachment } from '@/lib/support/uploads';

const handler = route(v1UploadAttachment, async ({ session, file }) =>
  presentUpload(
    await uploadAttachment({ uploaderId: session.user.id, asStaff: false, file: uploaded(file) }),
    session.user.id,
  ),
);

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
