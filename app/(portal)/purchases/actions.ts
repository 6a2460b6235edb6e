'use server';

import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/actions/validated-action';
import {
  createEmbeddedPurchaseSession,
  createPurchaseSession,
  embeddedCheckoutKey,
} from '@/lib/payments/checkout';
import { buyFormSchema } from '@/lib/validations/payments';
import type { BuyState } from '@/components/payments/buy-button';

/**
 * Starts a purchase. Hosted Checkout: the browser is sent to Stripe's page (an external redirect,
 * so a full navigation). Embedded Checkout: the client secret goes back to the button, which
 * mounts Stripe's form in the page.
 */
export async function buyAction(_previous: BuyState, formData: FormData): Promise<BuyState> {
  let clientSecret: string | undefined;
  const run = validatedAction(
    buyFormSchema,
    async (data, session) => {
      if (embeddedCheckoutKey()) {
        const embedded = await createEmbeddedPurchaseSession({
          userId: session.user.id,
          productType: data.productType,
        });
        clientSecret = embedded.clientSecret;
        return {};
      }
      const checkout = await createPurchaseSession({
        userId: session.user.id,
        productType: data.productType,
      });
      redirect(checkout.url);
    },
    { rateLimit: 'checkout', invalidMessage: 'That product is not for sale.' },
  );
  const state = await run({}, formData);
  return clientSecret ? { ...state, clientSecret } : state;
}
