'use server';

import { revalidatePath } from 'next/cache';
import { publicAction } from '@/lib/actions/public-action';
import { validatedAction } from '@/lib/actions/validated-action';
import { resendVerification, verifyEmail } from '@/lib/accounts/lifecycle';
import { LINK_INVALID_MESSAGE, verifyEmailSchema } from '@/lib/validations/auth';
import { emptySchema } from '@/lib/validations/sessions';

/** Consumes the link by POST (the page's GET never does: mail scanners fetch links). */
export const verifyEmailAction = publicAction(
  verifyEmailSchema,
  async (data) => {
    await verifyEmail({ token: data.token });
    // The portal's banner asks for the address no more.
    revalidatePath('/', 'layout');
    return { success: 'Your e-mail address is confirmed. Buying, downloads and support are open.' };
  },
  { invalidMessage: LINK_INVALID_MESSAGE },
);

/** A new link for the signed-in customer (the portal's banner, and this page after a bad link). */
export const resendVerificationAction = validatedAction(emptySchema, async (_data, session) => {
  await resendVerification({ userId: session.user.id });
  return {
    success: `We sent a new link to ${session.user.email}. It works once, for 24 hours.`,
  };
});
