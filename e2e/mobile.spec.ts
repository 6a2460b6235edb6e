import type { Page } from '@playwright/test';
import { expect, openMobileMenu, signInFresh, test } from './fixtures';

/** Nothing on the page is wider than the screen. */
async function expectFitsScreen(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test.beforeEach(async ({ page, customer }) => {
    await signInFresh(page, customer);
  });

  test('the menu button opens the navigation and its links work', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
    // The desktop navigation is hidden; only the menu button shows.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    const menu = page.getByRole('button', { name: 'Open menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    const nav = await openMobileMenu(page);
    await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await nav.getByRole('link', { name: 'Support' }).click();
    await expect(page).toHaveURL(/\/support$/);
    await expect(page.getByRole('heading', { name: 'Support' })).toBeVisible();
    // Following a link closes the menu.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    await expectFitsScreen(page);
  });

  test('the account page fits the screen and sign-out works from the menu', async ({ page }) => {
    await page.goto('/account/security');
    await expect(page.getByRole('heading', { name: 'Account security' })).toBeVisible();
    await expectFitsScreen(page);

    const nav = await openMobileMenu(page);
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
  });
});
