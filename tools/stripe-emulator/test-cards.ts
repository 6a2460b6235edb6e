/**
 * The emulator's test cards, as Stripe's test mode has them: what its hosted page accepts, and
 * what the tests, the e2e specs, the demo and the benchmarks enter there.
 */
export const PAYING_CARD_NUMBER = '4242 4242 4242 4242';
export const DECLINED_CARD_NUMBER = '4000 0000 0000 0002';
/** Which card does what, for messages and notes. */
export const TEST_CARDS = `${PAYING_CARD_NUMBER} succeeds, ${DECLINED_CARD_NUMBER} is declined`;

/** The hosted page's fields (Checkout and "save a card" alike), named as the form posts them. */
export type CardForm = {
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  billingName: string;
};

export const PAYING_CARD: CardForm = {
  cardNumber: PAYING_CARD_NUMBER,
  cardExpiry: '12 / 34',
  cardCvc: '123',
  billingName: 'Ada Lovelace',
};
export const DECLINED_CARD: CardForm = { ...PAYING_CARD, cardNumber: DECLINED_CARD_NUMBER };

/**
 * Posts a hosted page's form as a browser does, without following the redirect: 303 when paid or
 * saved, 402 declined, 400 for a field the page refuses (any fields may be sent, to test that).
 */
export function submitHostedPage(
  url: string,
  fields: Record<string, string> = PAYING_CARD,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}
