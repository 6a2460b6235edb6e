'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/actions/validated-action';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { revokeOtherSessions, revokeOwnSession } from '@/lib/auth/sessions';
import { unlinkProvider } from '@/lib/accounts/linked-accounts';
import { changePasswordFormSchema, unlinkProviderSchema } from '@/lib/validations/auth';
import { emptySchema, revokeSessionSchema } from '@/lib/validations/sessions';

export const changePasswordAction = validatedAction(
  changePasswordFormSchema,
  async (data, session) => {
    const { endedSessions } = await changeOwnPassword(session, {
      currentPassword: data.currentPassword,
      newPassword: data.newPassword,
    });
    if (session.user.forcePasswordChange) redirect('/dashboard');
    revalidatePath('/account/security');
    return {
      success: `Password changed. ${endedSessions} other session${endedSessions === 1 ? '' : 's'} signed out.`,
    };
  },
  { allowPasswordChange: true },
);

export const revokeSessionAction = validatedAction(revokeSessionSchema, async (data, session) => {
  const { sessionId } = await revokeOwnSession({ userId: session.user.id, handle: data.handle });
  if (sessionId === session.id) redirect('/login');
  revalidatePath('/account/security');
  return { success: 'Session revoked' };
});

export const revokeOtherSessionsAction = validatedAction(emptySchema, async (_data, session) => {
  const count = await revokeOtherSessions({
    userId: session.user.id,
    keepSessionId: session.id,
    reason: 'signed_out_elsewhere',
  });
  revalidatePath('/account/security');
  return { success: `Signed out ${count} other session${count === 1 ? '' : 's'}.` };
});

export const unlinkProviderAction = validatedAction(unlinkProviderSchema, async (data, session) => {
  await unlinkProvider({ userId: session.user.id, linkId: data.linkId });
  revalidatePath('/account/security');
  return { success: 'Sign-in provider removed' };
});
