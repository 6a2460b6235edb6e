'use server';

import { revalidatePath } from 'next/cache';
import { updateProfile } from '@/lib/accounts/profile';
import { validatedAction } from '@/lib/actions/validated-action';
import { profileFormSchema } from '@/lib/validations/profile';

export const updateProfileAction = validatedAction(profileFormSchema, async (data, session) => {
  await updateProfile({
    userId: session.user.id,
    firstName: data.firstName,
    lastName: data.lastName,
    phone: data.phone,
    company: data.company,
  });
  // The layout shows the customer's name too.
  revalidatePath('/', 'layout');
  return { success: 'Your profile has been saved.' };
});
