import 'server-only';
import { requireVerifiedEmail } from '@/lib/accounts/users';
import { storeAttachment, type AttachmentMeta } from './attachments';
import { ticketForUpload } from './tickets';

/**
 * An upload through the APIs and the portal's forms: for a ticket (the customer's own and open, or
 * any ticket for an agent), or, without one, for the ticket the customer is about to open.
 */
export async function uploadAttachment(input: {
  uploaderId: number;
  /** Staff upload to any ticket; a customer only to their own. */
  asStaff: boolean;
  ticketId?: number;
  file: { name: string; bytes: Uint8Array };
}): Promise<AttachmentMeta> {
  // A customer who may not open tickets yet has no use for uploads, and no room to fill.
  if (!input.asStaff) await requireVerifiedEmail(input.uploaderId);
  const ticketId =
    input.ticketId === undefined
      ? null
      : await ticketForUpload({
          ticketId: input.ticketId,
          userId: input.asStaff ? undefined : input.uploaderId,
        });
  return storeAttachment({ uploaderId: input.uploaderId, ticketId, file: input.file });
}
