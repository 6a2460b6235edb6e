'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/public-action';
import { registerAccount } from '@/lib/accounts/lifecycle';
import { AppError, isAppError } from '@/lib/errors';
import { registerFormSchema } from '@/lib/validations/auth';

export const registerAction = publicAction(registerFormSchema, async (data, { ip }) => {
  try {
    await registerAccount({
      email: data.email,
      password: data.password,
      firstName: data.firstName,
      lastName: data.lastName,
      phone: data.phone,
      ip,
    });
  } catch (err) {
    // The domain's 409 names no field; the form shows it beside the address.
    if (isAppError(err, 'EMAIL_TAKEN')) {
      throw new AppError('EMAIL_TAKEN', 'Please correct the highlighted fields', {
        issues: [
          {
            field: 'email',
            message: 'An account already uses this address: sign in, or reset its password',
          },
        ],
      });
    }
    throw err;
  }
  redirect('/login?registered=1');
});
