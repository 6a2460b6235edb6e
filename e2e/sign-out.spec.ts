import { createTestUser } from '../tests/support/users';
import {
  currentContent,
  expect,
  navLink,
  openSecurityTab,
  signIn,
  signOutButton,
  test,
  uniqueTag,
} from './fixtures';

test.describe('after sign-out', () => {
  test('the back button shows no portal data', async ({ page }) => {
    const lastName = `Backbutton ${uniqueTag()}`;
    const user = await createTestUser({ firstName: 'Bea', lastName });
    await page.goto('/login');
    await signIn(page, user.email, user.password);
    await expect(page.getByRole('heading', { name: 'Welcome back, Bea' })).toBeVisible();
    await page.goto('/account/security');
    await expect(page.getByRole('heading', { name: 'Active sessions' })).toBeVisible();
    await expect(page.getByText(`Bea ${lastName}`)).toBeVisible();

    await signOutButton(page).click();
    await expect(page).toHaveURL(/\/login$/);

    // Each step back must land on the sign-in page, never on a remembered portal page.
    for (let step = 1; step <= 2; step++) {
      await page.goBack();
      // Checked at once, without waiting: a page restored from memory would show its data now.
      const html = await currentContent(page);
      expect(html, `step ${step} back`).not.toContain(lastName);
      expect(html, `step ${step} back`).not.toContain('Active sessions');
      await expect(page).toHaveURL(/\/login(\?|$)/);
      await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
      await expect(page.getByText(lastName)).toHaveCount(0);
    }
  });

  test('the back button after a client-side visit shows no portal data either', async ({
    page,
  }) => {
    const lastName = `Clientback ${uniqueTag()}`;
    const user = await createTestUser({ firstName: 'Cal', lastName });
    await page.goto('/login');
    await signIn(page, user.email, user.password);
    await expect(page.getByRole('heading', { name: 'Welcome back, Cal' })).toBeVisible();
    await navLink(page, 'Account').click();
    await openSecurityTab(page);
    await expect(page.getByRole('heading', { name: 'Active sessions' })).toBeVisible();

    await signOutButton(page).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goBack();
    const html = await currentContent(page);
    expect(html).not.toContain(lastName);
    expect(html).not.toContain('Active sessions');
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByText(lastName)).toHaveCount(0);
  });
});
