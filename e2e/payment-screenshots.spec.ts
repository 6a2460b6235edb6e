import { listPurchases } from '@/lib/payments/purchases';
import { purchaseId } from '@/lib/payments/views';
import { expect, saveScreenshot, signInFresh, test } from './fixtures';
import { fillHostedCheckout, grantLicense, PAYING_CARD, startPurchase } from './payment-data';

/**
 * Full-page screenshots of the purchasing pages in both colour schemes, desktop and phone, saved
 * to test-results/screenshots for a person to look at (no visual diffing).
 */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`payment screenshots, ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('purchases, receipt, success, billing, licenses and downloads', async ({
      page,
      customer,
    }) => {
      test.setTimeout(120_000);
      // An older v1 purchase too, so the licenses and downloads pages show more than one state.
      await grantLicense(customer.id, { majorVersion: 1, status: 'SUSPENDED', reason: 'disputed' });
      await signInFresh(page, customer);

      await startPurchase(page);
      await saveScreenshot(page, `checkout-hosted-${scheme}`);
      await fillHostedCheckout(page, PAYING_CARD);
      await expect(
        page.getByRole('heading', { name: 'Thank you for your purchase' }),
      ).toBeVisible();
      await saveScreenshot(page, `purchase-success-${scheme}`);

      await page.goto('/billing');
      await page.getByRole('button', { name: 'Add a card' }).click();
      await fillHostedCheckout(page, PAYING_CARD);
      // The card paid with is saved too (the emulator attaches it), so there may be two.
      await expect(page).toHaveURL(/\/billing\?card=added/);
      await expect(
        page.getByRole('listitem', { name: 'Visa ending in 4242' }).first(),
      ).toBeVisible();

      const [latest] = (await listPurchases(customer.id, 1, 10)).items;
      const pages: [string, string, RegExp | string][] = [
        ['purchases', '/purchases?checkout=cancelled', 'Purchases'],
        ['receipt', `/purchases/${purchaseId(latest?.id ?? 0)}`, /^Receipt purchase_/],
        ['billing', '/billing', 'Billing'],
        ['licenses', '/licenses', 'Licenses'],
        ['downloads', '/downloads', 'Downloads'],
      ];
      for (const [width, prefix] of [
        [1280, ''],
        [390, 'mobile-'],
      ] as const) {
        await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
        for (const [name, path, heading] of pages) {
          await page.goto(path);
          await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
          await saveScreenshot(page, `${prefix}${name}-${scheme}`);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${prefix}${name} is wider than the screen`).toBeLessThanOrEqual(0);
        }
      }

      await page.goto('/billing');
      await page.getByRole('button', { name: 'Remove Visa ending in 4242' }).first().click();
      await expect(page.getByRole('dialog', { name: 'Remove this card?' })).toBeVisible();
      await page.screenshot({
        path: (await saveScreenshot(page, `mobile-billing-remove-${scheme}`)).replace(
          /\.png$/,
          '-viewport.png',
        ),
      });
    });

    test('empty purchases, billing, licenses and downloads', async ({ page, customer }) => {
      await signInFresh(page, customer);
      for (const path of ['/purchases', '/billing', '/licenses', '/downloads']) {
        await page.goto(path);
        await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
        await saveScreenshot(page, `${path.slice(1)}-empty-${scheme}`);
      }
    });
  });
}
