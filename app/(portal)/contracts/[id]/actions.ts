'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/actions/validated-action';
import { acknowledgeAlert } from '@/lib/contracts/acknowledge-alert';
import { acknowledgeAlertSchema } from '@/lib/validations/contracts';

export const acknowledgeAlertAction = validatedAction(
  acknowledgeAlertSchema,
  async (data, session) => {
    await acknowledgeAlert({ userId: session.user.id, alertId: data.alertId });
    revalidatePath('/contracts/[id]', 'page');
    revalidatePath('/dashboard');
    return { success: 'Alert acknowledged' };
  },
);
