import 'server-only';
import { listPaymentMethods, type PaymentMethodView } from './billing';
import { spendPageLimits, type PageLimited } from './page-limits';

/** The billing page's saved cards: Stripe is asked only while the customer's 'api' limit allows. */
export type PaymentMethodsForPage = { state: 'listed'; cards: PaymentMethodView[] } | PageLimited;

export async function paymentMethodsForPage(userId: number): Promise<PaymentMethodsForPage> {
  const limited = await spendPageLimits(userId, ['api']);
  if (limited) return limited;
  return { state: 'listed', cards: await listPaymentMethods(userId) };
}
