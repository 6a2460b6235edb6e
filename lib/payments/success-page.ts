import 'server-only';
import { fulfilCheckoutSession, isPaymentMismatch, type FulfilmentResult } from './fulfil';

/**
 * What the checkout success page shows: fulfilment's answer, or why nothing was recorded, as data
 * (the page renders a message, never an error page, for a customer's own checkout).
 */
export type SuccessPageOutcome = FulfilmentResult | { state: 'mismatch'; message: string };

export async function fulfilForSuccessPage(
  userId: number,
  sessionId: string,
): Promise<SuccessPageOutcome> {
  try {
    return await fulfilCheckoutSession(sessionId, { userId });
  } catch (error) {
    if (isPaymentMismatch(error)) return { state: 'mismatch', message: error.message };
    throw error;
  }
}
