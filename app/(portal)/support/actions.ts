'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { setSupportEmails } from '@/lib/accounts/users';
import { validatedAction } from '@/lib/actions/validated-action';
import {
  addCustomerMessage,
  createTicket,
  rateTicket,
  reopenTicket,
  resolveTicket,
  ticketId,
} from '@/lib/support/tickets';
import { upper } from '@/lib/api/v1/envelope';
import {
  createTicketFormSchema,
  rateFormSchema,
  replyFormSchema,
  supportEmailsFormSchema,
  ticketFormSchema,
} from '@/lib/validations/support';

export const createTicketAction = validatedAction(
  createTicketFormSchema,
  async (data, session) => {
    const ticket = await createTicket({
      userId: session.user.id,
      subject: data.subject,
      description: data.description,
      category: upper(data.category),
      priority: upper(data.priority),
      followUpOfId: data.followUpOf,
      attachmentIds: data.attachmentIds,
      ...data.reference,
    });
    revalidatePath('/support');
    redirect(`/support/${ticketId(ticket.id)}?opened=1`);
  },
  { rateLimit: 'support-write', fields: { contractId: 'reference', purchaseId: 'reference' } },
);

export const replyAction = validatedAction(
  replyFormSchema,
  async (data, session) => {
    // The customer's form has no "internal" box; the domain takes no such field from a customer.
    const { internal: _internal, ...reply } = data;
    const added = await addCustomerMessage({ ...reply, userId: session.user.id });
    revalidatePath(`/support/${ticketId(added.ticketId)}`);
    return { success: 'Reply sent' };
  },
  { rateLimit: 'support-write' },
);

/** A button on one of the customer's tickets: the domain's change, then the thread again. */
function ticketButton(
  change: (input: { userId: number; ticketId: number }) => Promise<unknown>,
  success: string,
) {
  return validatedAction(
    ticketFormSchema,
    async (data, session) => {
      await change({ userId: session.user.id, ticketId: data.ticketId });
      revalidatePath(`/support/${ticketId(data.ticketId)}`);
      return { success };
    },
    { invalidMessage: 'This ticket was not found' },
  );
}

export const resolveAction = ticketButton(resolveTicket, 'Marked as resolved');
export const reopenAction = ticketButton(reopenTicket, 'Reopened');

export const rateAction = validatedAction(rateFormSchema, async (data, session) => {
  await rateTicket({
    userId: session.user.id,
    ticketId: data.ticketId,
    rating: upper(data.rating),
    comment: data.comment || undefined,
  });
  revalidatePath(`/support/${ticketId(data.ticketId)}`);
  return { success: 'Thank you for your rating' };
});

export const supportEmailsAction = validatedAction(
  supportEmailsFormSchema,
  async (data, session) => {
    await setSupportEmails(session.user.id, data.enabled);
    revalidatePath('/support');
    return {
      success: data.enabled
        ? 'We will e-mail you when support answers.'
        : 'No more e-mail about your tickets; answers still show here.',
    };
  },
);
