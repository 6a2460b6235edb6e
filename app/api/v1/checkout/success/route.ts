import { v1Ok } from '@/lib/api/v1/envelope';
import { presentLicense, presentPurchase, v1CheckoutSuccess } from '@/lib/api/v1/payments';
import { methods, route } from '@/lib/http/handler';
import { fulfilCheckoutSession } from '@/lib/payments/fulfil';

const handler = route(v1CheckoutSuccess, async ({ session, body }) => {
  const result = await fulfilCheckoutSession(body.sessionId, { userId: session.user.id });
  if (result.state === 'pending') {
    return {
      status: 202,
      body: v1Ok('Payment not completed yet', {
        status: 'pending' as const,
        paymentStatus: result.paymentStatus,
        sessionStatus: result.sessionStatus,
      }),
    };
  }
  const { purchase } = result;
  return {
    body: v1Ok('Purchase completed', {
      status: 'completed' as const,
      purchase: presentPurchase(purchase),
      license: purchase.license ? presentLicense(purchase.license) : null,
    }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
