import 'server-only';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { methods, route, uploaded } from '@/lib/http/handler';
import type { CustomerTicket } from '@/lib/support/tickets';
import { uploadAttachment } from '@/lib/support/uploads';
import type { ticketIdParams } from '@/lib/validations/support';
import { v1Ok } from './envelope';
import { presentTicket, presentUpload } from './support';

/** A spec whose path names one ticket and that takes no body. */
type TicketSpec = EndpointSpec<undefined, undefined, typeof ticketIdParams, 'required'>;

/**
 * The route file of a customer's operation on one of their tickets that answers the ticket as it
 * is now (read, resolve, reopen): `op` gets the caller and the ticket; other methods are a 405.
 */
export function customerTicketRoute(
  spec: TicketSpec,
  message: string,
  op: (input: { userId: number; ticketId: number }) => Promise<CustomerTicket>,
) {
  const handler = route(spec, async ({ session, params }) => {
    const ticket = await op({ userId: session.user.id, ticketId: params.id });
    return { body: v1Ok(message, presentTicket(ticket, session.user.id)) };
  });
  return methods({ [spec.method]: handler });
}

/** The route file of an upload for a reply to one ticket: the customer's, or (asStaff) any. */
export function ticketUploadRoute(spec: TicketSpec, options: { asStaff: boolean }) {
  const handler = route(spec, async ({ session, params, file }) => {
    const stored = await uploadAttachment({
      uploaderId: session.user.id,
      asStaff: options.asStaff,
      ticketId: params.id,
      file: uploaded(file),
    });
    return presentUpload(stored, session.user.id);
  });
  return methods({ POST: handler });
}
