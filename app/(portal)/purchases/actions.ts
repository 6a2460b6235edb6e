'use server';

import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/actions/validated-action';
import {
  createEmbeddedPurchaseSession,
  createPurchaseSession,
  embeddedCheckoutKey,
} from '@/lib/payments/checkout';
import { buyFormSchema } from '@/lib/validations/payments';

/**
 * Starts a purchase. Hosted Checkout: the browser is sent to Stripe's page (an external redirect,
 * so a full navigation). Embedded Checkout: the client secret goes back to the button, which
 * mounts Stripe's form in the page.
 */
export const buyAction = validatedAction(
  buyFormSchema,
  async (data, session): Promise<{ data: { clientSecret: string } }> => {
    const input = { userId: session.user.id, productType: data.productType };
    if (embeddedCheckoutKey()) {
      const { clientSecret } = await createEmbeddedPurchaseSession(input);
      return { data: { clientSecret } };
    }
    const checkout = await createPurchaseSession(input);
    redirect(checkout.url);
  },
  { rateLimit: 'checkout', invalidMessage: 'That product is not for sale.' },
);
