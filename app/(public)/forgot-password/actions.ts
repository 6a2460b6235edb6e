'use server';

import { publicAction } from '@/lib/actions/public-action';
import { requestPasswordReset } from '@/lib/accounts/lifecycle';
import { forgotPasswordSchema } from '@/lib/validations/auth';

/** The same answer whether or not an account uses the address: the job decides, later. */
export const forgotPasswordAction = publicAction(forgotPasswordSchema, async (data, { ip }) => {
  await requestPasswordReset({ email: data.email, ip });
  return {
    success:
      'If an account uses that address, we sent it a link to choose a new password. The link works for one hour.',
  };
});
