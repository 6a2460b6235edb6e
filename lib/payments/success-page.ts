import 'server-only';
import { fulfilCheckoutSession, isPaymentMismatch, type FulfilmentResult } from './fulfil';
import { spendPageLimits, type PageLimited } from './page-limits';

/**
 * What the checkout success page shows: fulfilment's answer, or why nothing was recorded, as data
 * (the page renders a message, never an error page, for a customer's own checkout).
 */
export type SuccessPageOutcome =
  FulfilmentResult | { state: 'mismatch'; message: string } | PageLimited;

/**
 * Each load asks Stripe about the session, so it spends the customer's 'api' point and, like
 * create-session, the buy button and POST /api/v1/checkout/success, a 'checkout' point.
 */
export async function fulfilForSuccessPage(
  userId: number,
  sessionId: string,
): Promise<SuccessPageOutcome> {
  const limited = await spendPageLimits(userId, ['api', 'checkout']);
  if (limited) return limited;
  try {
    return await fulfilCheckoutSession(sessionId, { userId });
  } catch (error) {
    if (isPaymentMismatch(error)) return { state: 'mismatch', message: error.message };
    throw error;
  }
}
