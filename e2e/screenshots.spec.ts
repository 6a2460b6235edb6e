import type { Page } from '@playwright/test';
import { createContractsFor, SAMPLE_PORTFOLIO } from './contract-data';
import { createTestUser } from '../tests/support/users';
import {
  allowConsoleErrors,
  expect,
  expectApiOperation,
  openMobileMenu,
  saveScreenshot,
  signInFresh,
  test,
} from './fixtures';

/**
 * Full-page screenshots of the main pages in both colour schemes, saved to
 * test-results/screenshots for a person to look at (no visual diffing).
 */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`screenshots, ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('sign-in, dashboard, account security, contracts and profile', async ({
      page,
      openBrowser,
      customer,
    }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
      await saveScreenshot(page, `login-${scheme}`);

      const [office] = await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
      // A second browser, so the session list shows a row to revoke as well.
      await signInFresh(await openBrowser(), customer);
      await signInFresh(page, customer);
      await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
      expect(await bodyIsDark(page)).toBe(scheme === 'dark');
      await saveScreenshot(page, `dashboard-${scheme}`);

      await page.goto('/account/security');
      await expect(page.getByRole('heading', { name: 'Account security' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Revoke' })).toBeVisible();
      await saveScreenshot(page, `account-security-${scheme}`);

      // The same page with the form's errors showing.
      await page.getByLabel('Current password').fill(customer.password);
      await page.getByLabel('New password', { exact: true }).fill('too short');
      await page.getByLabel('Confirm new password').fill('different');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByText('Password must be at least 12 characters')).toBeVisible();
      await saveScreenshot(page, `account-security-errors-${scheme}`);

      await page.goto('/contracts');
      await expect(page.getByRole('heading', { name: 'Contracts' })).toBeVisible();
      await saveScreenshot(page, `contracts-${scheme}`);

      await page.goto(`/contracts/${office?.id}`);
      await expect(page.getByRole('heading', { name: 'Head Office Monitoring' })).toBeVisible();
      await saveScreenshot(page, `contract-detail-${scheme}`);

      await page.goto('/account/profile');
      await page.getByLabel('Phone').fill('abc!');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await expect(page.getByText('Phone may contain digits')).toBeVisible();
      await saveScreenshot(page, `profile-errors-${scheme}`);
    });

    test('empty dashboard and the 404 page', async ({ page, customer }) => {
      allowConsoleErrors(/status of 404 \(Not Found\) \(at \S+\/contracts\/[^/\s]+:1\)/);
      await signInFresh(page, customer);
      await expect(page.getByText('No contracts yet')).toBeVisible();
      await saveScreenshot(page, `dashboard-empty-${scheme}`);
      await page.goto('/contracts/abc');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await saveScreenshot(page, `contract-404-${scheme}`);
    });

    test('forced password change and API reference', async ({ page }) => {
      test.slow();
      const user = await createTestUser({ forcePasswordChange: true });
      await signInFresh(page, user, /\/change-password$/);
      await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
      await saveScreenshot(page, `change-password-${scheme}`);

      // Signed out: a pending password change blocks the API document (see api-docs.spec.ts).
      await page.context().clearCookies();
      await page.goto('/api-docs');
      await expect(
        page.getByRole('heading', { name: 'Sense Security API reference' }),
      ).toBeVisible();
      await expectApiOperation(page, '/api/v1/auth/login');
      await saveScreenshot(page, `api-docs-${scheme}`);
    });

    test('phone with the menu open', async ({ page, customer }) => {
      const [office] = await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
      await page.setViewportSize({ width: 390, height: 844 });
      await signInFresh(page, customer);
      await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
      await saveScreenshot(page, `mobile-dashboard-${scheme}`);
      await page.goto('/contracts');
      await expect(page.getByRole('link', { name: 'Warehouse Coverage' })).toBeVisible();
      await saveScreenshot(page, `mobile-contracts-${scheme}`);
      await page.goto(`/contracts/${office?.id}`);
      await expect(page.getByRole('heading', { name: 'Head Office Monitoring' })).toBeVisible();
      await saveScreenshot(page, `mobile-contract-detail-${scheme}`);
      await page.goto('/dashboard');
      await openMobileMenu(page);
      await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
      await saveScreenshot(page, `mobile-menu-${scheme}`);
    });
  });
}

/** Whether the body's background is dark (Tailwind 4 colours are oklch(), so let a canvas convert). */
async function bodyIsDark(page: Page): Promise<boolean> {
  const [r, g, b] = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return [255, 255, 255];
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  });
  return ((r ?? 255) + (g ?? 255) + (b ?? 255)) / 3 < 128;
}
