import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const PAYING_CARD = '4242 4242 4242 4242';
export const DECLINED_CARD = '4000 0000 0000 0002';
export const BUY_BUTTON = 'Buy Sense Base — $359';

/** Fills the Stripe emulator's hosted page (Checkout or "save a card") and submits it. */
export async function fillHostedCheckout(page: Page, card: string): Promise<void> {
  await expect(page).toHaveURL(/\/checkout\/cs_[A-Za-z0-9_]+$/);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Name on card').fill('Test Customer');
  await page.getByRole('button', { name: /^(Pay \$359\.00|Save card)$/ }).click();
}

/** From /purchases to Stripe's hosted page, by the buy button. */
export async function startPurchase(page: Page): Promise<void> {
  await page.goto('/purchases');
  await page.getByRole('button', { name: BUY_BUTTON }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_/);
}

export { grantLicense } from '../tests/support/licenses';
