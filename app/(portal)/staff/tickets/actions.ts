'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/actions/validated-action';
import { upper } from '@/lib/api/v1/envelope';
import { addStaffMessage, mergeTickets, ticketId, updateTicket } from '@/lib/support/tickets';
import { mergeFormSchema, replyFormSchema, staffUpdateFormSchema } from '@/lib/validations/support';

const staffOnly = { permission: 'REPLY_TICKETS' } as const;

export const staffReplyAction = validatedAction(
  replyFormSchema,
  async (data, session) => {
    const added = await addStaffMessage({ ...data, actorId: session.user.id });
    revalidatePath(`/staff/tickets/${ticketId(added.ticketId)}`);
    return { success: data.internal ? 'Note added' : 'Reply sent' };
  },
  staffOnly,
);

export const staffUpdateAction = validatedAction(
  staffUpdateFormSchema,
  async (data) => {
    await updateTicket({
      ticketId: data.ticketId,
      status: upper(data.status),
      priority: upper(data.priority),
      assigneeId: data.assigneeId,
    });
    revalidatePath(`/staff/tickets/${ticketId(data.ticketId)}`);
    return { success: 'Saved' };
  },
  staffOnly,
);

export const staffMergeAction = validatedAction(
  mergeFormSchema,
  async (data) => {
    const survivor = await mergeTickets({ sourceId: data.ticketId, targetId: data.targetId });
    revalidatePath('/staff/tickets');
    redirect(`/staff/tickets/${ticketId(survivor.id)}`);
  },
  staffOnly,
);
