import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { db } from '@/lib/db/client';
import { generateLicenseKey } from '@/lib/licenses/keys';
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

/**
 * A completed purchase with its license, written straight to the database (for pages that only
 * read them; the checkout specs buy through Stripe).
 */
export async function grantLicense(
  userId: number,
  options: { majorVersion?: number; status?: 'ACTIVE' | 'SUSPENDED'; reason?: string } = {},
) {
  const suspended = options.status === 'SUSPENDED';
  return db.purchase.create({
    data: {
      userId,
      checkoutSessionId: `cs_e2e_${randomBytes(12).toString('hex')}`,
      amount: 35_900,
      currency: 'usd',
      status: suspended && options.reason === 'refunded' ? 'REFUNDED' : 'COMPLETED',
      items: {
        create: [
          {
            productType: 'base_product',
            description: 'Base Software License',
            amount: 35_900,
            quantity: 1,
          },
        ],
      },
      license: {
        create: {
          userId,
          key: generateLicenseKey(),
          productType: 'base_product',
          majorVersion: options.majorVersion ?? 2,
          status: options.status ?? 'ACTIVE',
          suspendedAt: suspended ? new Date() : null,
          suspendReason: suspended ? (options.reason ?? 'refunded') : null,
        },
      },
    },
    include: { license: true },
  });
}
