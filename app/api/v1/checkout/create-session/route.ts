import { v1Ok } from '@/lib/api/v1/envelope';
import { presentCheckoutSession, v1CreateCheckoutSession } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { createPurchaseSession } from '@/lib/payments/checkout';

const handler = route(v1CreateCheckoutSession, async ({ session, body }) => {
  const [item] = body.items;
  const checkout = await createPurchaseSession({
    userId: session.user.id,
    // The schema allows each product type once; the catalogue sells one product.
    productType: item?.productType ?? 'base_product',
    successUrl: body.successUrl,
    cancelUrl: body.cancelUrl,
  });
  return {
    status: 201,
    body: v1Ok('Checkout session created', presentCheckoutSession(checkout)),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
