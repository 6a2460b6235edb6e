'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/actions/validated-action';
import { removePaymentMethod } from '@/lib/payments/billing';
import { createSetupSession } from '@/lib/payments/checkout';
import { addCardFormSchema, removeCardFormSchema } from '@/lib/validations/payments';

/** "Add a card": a Checkout Session in setup mode, then off to Stripe's page. */
export const addCardAction = validatedAction(addCardFormSchema, async (_data, session) => {
  const checkout = await createSetupSession({ userId: session.user.id });
  redirect(checkout.url);
});

/** Detaches one of the customer's own cards (anyone else's is "not found"). */
export const removeCardAction = validatedAction(removeCardFormSchema, async (data, session) => {
  await removePaymentMethod(session.user.id, data.paymentMethodId);
  revalidatePath('/billing');
  return { success: 'Card removed' };
});
