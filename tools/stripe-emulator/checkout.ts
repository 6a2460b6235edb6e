/**
 * The hosted Checkout page at `/checkout/<session id>`: a plain HTML form (no script) that posts
 * back to itself. It takes the test cards of ./test-cards.ts.
 */
import type Stripe from 'stripe';
import { completeCheckout, type Context } from './actions';
import { str, type FormObject } from './form';
import { escapeHtml, htmlPage, money, type Page } from './html';
import type { CardInput } from './payments';
import { DECLINED_CARD_NUMBER, PAYING_CARD_NUMBER, TEST_CARDS } from './test-cards';

const digitsOf = (cardNumber: string): string => cardNumber.replace(/[\s-]/g, '');
const SUCCESS_CARD = digitsOf(PAYING_CARD_NUMBER);
const DECLINED_CARD = digitsOf(DECLINED_CARD_NUMBER);

interface Entered {
  cardNumber: string;
  cardExpiry: string;
  billingName: string;
}

interface FormError {
  status: number;
  message: string;
  field: keyof Entered | 'cardCvc' | null;
}

function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, index) => {
    let digit = Number(char);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  });
  return sum % 10 === 0;
}

/** Reads the posted card; returns the card or the error to show. */
function readCard(form: FormObject): CardInput | FormError {
  const number = digitsOf(str(form, 'cardNumber') ?? '');
  const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(str(form, 'cardExpiry') ?? '');
  const cvc = (str(form, 'cardCvc') ?? '').trim();
  const name = (str(form, 'billingName') ?? '').trim();
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
    return { status: 400, message: 'Your card number is invalid.', field: 'cardNumber' };
  }
  const month = Number(expiry?.[1]);
  const year = expiry?.[2]?.length === 2 ? 2000 + Number(expiry[2]) : Number(expiry?.[2]);
  const today = new Date();
  const expired =
    year < today.getUTCFullYear() ||
    (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1);
  if (!expiry || month < 1 || month > 12) {
    return {
      status: 400,
      message: "Your card's expiration date is incomplete.",
      field: 'cardExpiry',
    };
  }
  if (expired) {
    return {
      status: 400,
      message: "Your card's expiration year is in the past.",
      field: 'cardExpiry',
    };
  }
  if (!/^\d{3,4}$/.test(cvc)) {
    return { status: 400, message: "Your card's security code is incomplete.", field: 'cardCvc' };
  }
  if (!name) return { status: 400, message: 'Enter the name on your card.', field: 'billingName' };
  if (number === DECLINED_CARD) {
    return { status: 402, message: 'Your card was declined.', field: null };
  }
  if (number !== SUCCESS_CARD) {
    return {
      status: 400,
      message: `Use a test card: ${TEST_CARDS}.`,
      field: 'cardNumber',
    };
  }
  return { last4: number.slice(-4), brand: 'visa', expMonth: month, expYear: year, name };
}

function field(
  id: keyof Entered | 'cardCvc',
  label: string,
  attrs: string,
  value: string,
  error: FormError | null,
): string {
  const invalid = error?.field === id;
  const describedBy = invalid ? ' aria-invalid="true" aria-describedby="form-error"' : '';
  return `<label for="${id}">${label}</label>
<input id="${id}" name="${id}" ${attrs} value="${escapeHtml(value)}" required${describedBy}>`;
}

function originOf(url: string | null): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}

function renderForm(
  ctx: Context,
  session: Stripe.Checkout.Session,
  entered: Entered,
  error: FormError | null,
): Page {
  const lines = ctx.store.sessionExtras.get(session.id)?.lines ?? [];
  const currency = session.currency ?? 'usd';
  const payment = session.mode === 'payment';
  const total = money(session.amount_total ?? 0, currency);
  const summary = payment
    ? `<table>${lines
        .map(
          (line) =>
            `<tr><td>${escapeHtml(line.name)}${line.quantity > 1 ? ` × ${line.quantity}` : ''}</td><td>${money(line.unitAmount * line.quantity, currency)}</td></tr>`,
        )
        .join(
          '',
        )}<tr><td><strong>Total</strong></td><td><strong>${total}</strong></td></tr></table>`
    : '<p>Save a card for future payments.</p>';
  const email = session.customer_details?.email ?? session.customer_email;
  const content = `<h1>${payment ? 'Checkout' : 'Save a card'}</h1>
<p class="note">Test mode: nothing is charged. ${email ? `Customer: ${escapeHtml(email)}.` : ''}</p>
${summary}
${error ? `<p id="form-error" class="error" role="alert">${escapeHtml(error.message)}</p>` : ''}
<form method="post" action="/checkout/${encodeURIComponent(session.id)}" novalidate>
${field('cardNumber', 'Card number', 'inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234"', entered.cardNumber, error)}
<div class="row">
<div>${field('cardExpiry', 'Expiry', 'autocomplete="cc-exp" placeholder="MM / YY"', entered.cardExpiry, error)}</div>
<div>${field('cardCvc', 'CVC', 'inputmode="numeric" autocomplete="cc-csc" placeholder="123"', '', error)}</div>
</div>
${field('billingName', 'Name on card', 'autocomplete="cc-name"', entered.billingName, error)}
<button type="submit">${payment ? `Pay ${total}` : 'Save card'}</button>
</form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : ''}`;
  const title = payment ? `Pay ${total}` : 'Save a card';
  return htmlPage(error?.status ?? 200, title, content, originOf(session.success_url));
}

function notOpen(session: Stripe.Checkout.Session | undefined, status: number): Page {
  if (!session) return htmlPage(404, 'Not found', '<h1>This checkout page does not exist.</h1>');
  return htmlPage(
    status,
    'Checkout closed',
    `<h1>This Checkout Session is ${escapeHtml(session.status ?? 'closed')}.</h1>
<p>There is nothing left to pay here.</p>`,
  );
}

function current(ctx: Context, id: string): Stripe.Checkout.Session | undefined {
  const session = ctx.store.sessions.find(id);
  if (session?.status === 'open' && session.expires_at < Date.now() / 1000) {
    return ctx.store.sessions.set({ ...session, status: 'expired' });
  }
  return session;
}

export function checkoutPage(ctx: Context, method: string, id: string, form: FormObject): Page {
  const session = current(ctx, id);
  if (method === 'GET') {
    if (session?.status !== 'open') return notOpen(session, 200);
    return renderForm(ctx, session, { cardNumber: '', cardExpiry: '', billingName: '' }, null);
  }
  if (session?.status !== 'open') return notOpen(session, session ? 409 : 404);
  const card = readCard(form);
  if ('message' in card) {
    const entered = {
      cardNumber: str(form, 'cardNumber') ?? '',
      cardExpiry: str(form, 'cardExpiry') ?? '',
      billingName: str(form, 'billingName') ?? '',
    };
    return renderForm(ctx, session, entered, card);
  }
  const completed = completeCheckout(ctx, session, card);
  const location = (completed.success_url ?? '/').replaceAll('{CHECKOUT_SESSION_ID}', completed.id);
  return { status: 303, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
