'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/public-action';
import { resetPassword } from '@/lib/accounts/lifecycle';
import { resetPasswordFormSchema } from '@/lib/validations/auth';

/** Consumes the link: every session ends and nobody is signed in, so on to sign-in. */
export const resetPasswordAction = publicAction(resetPasswordFormSchema, async (data) => {
  await resetPassword({ token: data.token, password: data.password });
  redirect('/login?reset=1');
});
