'use server';

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

/**
 * Detaches one of the customer's own cards (anyone else's is "not found"), then reloads the page
 * with a confirmation: the card's row, and the dialog opened from it, are gone.
 */
export const removeCardAction = validatedAction(
  removeCardFormSchema,
  async (data, session) => {
    await removePaymentMethod(session.user.id, data.paymentMethodId);
    redirect('/billing?card=removed');
  },
  { invalidMessage: 'That card was not found.' },
);
