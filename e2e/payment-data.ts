import type { Page } from '@playwright/test';
import type { CardForm } from '../tools/stripe-emulator/test-cards';
import { expect } from './fixtures';

export { DECLINED_CARD, PAYING_CARD } from '../tools/stripe-emulator/test-cards';
export const BUY_BUTTON = 'Buy Sense Base — $359';

/** Fills the Stripe emulator's hosted page (Checkout or "save a card") and submits it. */
export async function fillHostedCheckout(page: Page, card: CardForm): Promise<void> {
  await expect(page).toHaveURL(/\/checkout\/cs_[A-Za-z0-9_]+$/);
  await page.getByLabel('Card number').fill(card.cardNumber);
  await page.getByLabel('Expiry').fill(card.cardExpiry);
  await page.getByLabel('CVC').fill(card.cardCvc);
  await page.getByLabel('Name on card').fill(card.billingName);
  await page.getByRole('button', { name: /^(Pay \$359\.00|Save card)$/ }).click();
}

/** From /purchases to Stripe's hosted page, by the buy button. */
export async function startPurchase(page: Page): Promise<void> {
  await page.goto('/purchases');
  await page.getByRole('button', { name: BUY_BUTTON }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_/);
}

export { grantLicense } from '../tests/support/licenses';
