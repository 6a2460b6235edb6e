import type { Page } from '@playwright/test';
import { db } from '@/lib/db/client';
import { createTestUser } from '../tests/support/users';
import { recordSecret } from '../tests/support/artifacts';
import {
  allowConsoleErrors,
  expect,
  formAlert,
  openSecurityTab,
  REFUSED_SIGN_IN,
  signIn,
  signInFresh,
  signOutButton,
  test,
} from './fixtures';

async function fillPasswordForm(
  page: Page,
  values: { current: string; next: string; confirm?: string },
): Promise<void> {
  await page.getByLabel('Current password').fill(values.current);
  await page.getByLabel('New password', { exact: true }).fill(values.next);
  await page.getByLabel('Confirm new password').fill(values.confirm ?? values.next);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test.describe('forced password change', () => {
  test('after sign-in the customer lands on /change-password and can reach nothing else', async ({
    page,
  }) => {
    const user = await createTestUser({ forcePasswordChange: true });
    await page.goto('/dashboard');
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/change-password$/);
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(
      'Your account requires a new password before you can continue.',
    );

    for (const path of ['/dashboard', '/account/security', '/account', '/contracts', '/support']) {
      await page.goto(path);
      await expect(page, `${path} is out of reach`).toHaveURL(/\/change-password$/);
      await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    }
    // The portal shell (navigation, greeting) never renders.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    // The API says so too, with a machine-readable reason.
    const api = await page.request.get('/api/v1/protected/profile');
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ success: false, code: 'PASSWORD_CHANGE_REQUIRED' });
  });

  test('the form explains what is wrong with a new password', async ({ page }) => {
    const user = await createTestUser({ forcePasswordChange: true });
    await signInFresh(page, user, /\/change-password$/);

    await fillPasswordForm(page, { current: user.password, next: 'short-pass' });
    await expect(page.getByText('Password must be at least 12 characters')).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await fillPasswordForm(page, {
      current: user.password,
      next: 'a long enough passphrase',
      confirm: 'a long enough passphrase, typed differently',
    });
    await expect(page.getByText('The new passwords do not match')).toBeVisible();
    await expect(page.getByLabel('Confirm new password')).toHaveAttribute('aria-invalid', 'true');

    await fillPasswordForm(page, { current: user.password, next: 'password1234' });
    await expect(page.getByText('This password is too common; choose another')).toBeVisible();

    await fillPasswordForm(page, { current: user.password, next: user.password });
    await expect(page.getByText('must differ from the current password')).toBeVisible();

    await fillPasswordForm(page, {
      current: `${user.password}-wrong`,
      next: 'a long enough passphrase',
    });
    await expect(formAlert(page)).toHaveText('Current password is incorrect');

    // None of it changed anything.
    await expect(page).toHaveURL(/\/change-password$/);
    const row = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { forcePasswordChange: true },
    });
    expect(row.forcePasswordChange).toBe(true);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/change-password$/);
  });

  test('after the change the customer reaches the dashboard and can navigate', async ({ page }) => {
    allowConsoleErrors(REFUSED_SIGN_IN);
    const user = await createTestUser({ forcePasswordChange: true });
    const newPassword = `New-Pass-${user.password.slice(-8)}-ok`;
    recordSecret('password', newPassword);
    await signInFresh(page, user, /\/change-password$/);

    await fillPasswordForm(page, { current: user.password, next: newPassword });
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Contracts' }).click();
    await expect(page).toHaveURL(/\/contracts$/);
    await expect(page.getByRole('heading', { name: 'Contracts' })).toBeVisible();
    await nav.getByRole('link', { name: 'Account' }).click();
    await expect(page).toHaveURL(/\/account\/profile$/);
    await expect(page.getByRole('heading', { name: 'Profile', exact: true })).toBeVisible();
    await openSecurityTab(page);

    const api = await page.request.get('/api/v1/protected/profile');
    expect(api.status()).toBe(200);

    // The old password is gone; the new one signs in straight to the dashboard.
    await signOutButton(page).click();
    await expect(page).toHaveURL(/\/login$/);
    await signIn(page, user.email, user.password);
    await expect(formAlert(page)).toHaveText('Invalid email or password.');
    await page.reload();
    await signIn(page, user.email, newPassword);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
  });

  test('the customer can sign out from the password change page', async ({ page }) => {
    const user = await createTestUser({ forcePasswordChange: true });
    await signInFresh(page, user, /\/change-password$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/change-password');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fchange-password$/);
  });
});
