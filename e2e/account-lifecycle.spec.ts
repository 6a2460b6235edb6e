import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { db } from '@/lib/db/client';
import { recordSecret } from '../tests/support/artifacts';
import {
  expect,
  expectSignedOut,
  formAlert,
  saveScreenshot,
  signIn,
  signInFresh,
  test,
  uniqueTag,
} from './fixtures';
import { lastMailSeq, mailedLink } from './mailbox';

/**
 * Registration, e-mail verification and password reset in the browser. Mail is read from the
 * test SMTP server's mailbox (e2e/mailbox.ts); the reset mail is sent by a background job, after
 * the request was answered.
 */

const REGISTERED =
  'Account created. We sent a confirmation link to your address; you can sign in now.';
const RESET_SENT =
  'If an account uses that address, we sent it a link to choose a new password. The link works for one hour.';
const RESET_DONE =
  'Your password was changed and every session was signed out. Sign in with the new password.';
const BANNER = 'Confirm your e-mail address to buy, download and open tickets.';
const LINK_INVALID = 'This link is invalid, used or expired; ask for a new one';

/** A strong password nobody else uses, recorded for the leak scan. */
function newPassword(): string {
  const password = `Lifecycle-${randomBytes(9).toString('base64url')}`;
  recordSecret('password', password);
  return password;
}

function banner(page: Page) {
  return page.getByRole('region', { name: 'Unconfirmed e-mail address' });
}

async function fillRegistration(
  page: Page,
  input: { email: string; password: string; confirm?: string; phone?: string },
): Promise<void> {
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Last name').fill('Lifecycle');
  await page.getByLabel('Email', { exact: true }).fill(input.email);
  if (input.phone) await page.getByLabel('Phone (optional)').fill(input.phone);
  await page.getByLabel('Password', { exact: true }).fill(input.password);
  await page.getByLabel('Confirm password').fill(input.confirm ?? input.password);
}

test.describe('account lifecycle', () => {
  test.use({ colorScheme: 'dark' });

  test('a visitor registers, signs in unverified and confirms the address from the mail', async ({
    page,
    request,
  }) => {
    test.slow();
    const email = `register-${uniqueTag()}@example.test`;
    const password = newPassword();

    await page.goto('/login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/register$/);
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await saveScreenshot(page, 'register-dark');
    await fillRegistration(page, { email, password, phone: '+41 44 123 45 67' });
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(/\/login\?registered=1$/);
    await expect(page.getByRole('status').filter({ hasText: REGISTERED })).toBeVisible();
    await saveScreenshot(page, 'login-registered-dark');
    await signIn(page, email, password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(banner(page)).toContainText(BANNER);
    await saveScreenshot(page, 'dashboard-unverified-dark');

    // A new link from the banner: the message shows in the banner, and that link is the one used.
    const before = lastMailSeq();
    await banner(page).getByRole('button', { name: 'Send a new link' }).click();
    await expect(banner(page).getByRole('status')).toContainText(`We sent a new link to ${email}`);
    const link = await mailedLink(email, '/verify-email', before);

    // Fetching the link (a mail scanner) consumes nothing; the page sends no referrer.
    expect((await request.get(link)).status()).toBe(200);
    const response = await page.goto(link);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.getByRole('heading', { name: 'Confirm your e-mail address' })).toBeVisible();
    await saveScreenshot(page, 'verify-email-dark');
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await expect(page.getByRole('status')).toContainText('Your e-mail address is confirmed');
    await saveScreenshot(page, 'verify-email-done-dark');
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome back, Robin' })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);

    // The link works once; a signed-in customer is offered a new one.
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await expect(formAlert(page)).toHaveText(LINK_INVALID);
    await expect(page.getByRole('button', { name: 'Send a new link' })).toBeVisible();
    await saveScreenshot(page, 'verify-email-invalid-dark');
  });

  test('a customer resets a forgotten password from the mail; every other session ends', async ({
    page,
    customer,
    openBrowser,
  }) => {
    test.slow();
    const other = await openBrowser();
    await signInFresh(other, customer);
    const unknown = `nobody-${uniqueTag()}@example.test`;

    // The same answer for an address with no account and for the customer's.
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await saveScreenshot(page, 'forgot-password-dark');
    for (const address of [unknown, customer.email]) {
      await page.goto('/forgot-password');
      await page.getByLabel('Email').fill(address);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect(page.getByRole('status').filter({ hasText: RESET_SENT })).toBeVisible();
    }
    await saveScreenshot(page, 'forgot-password-sent-dark');

    const link = await mailedLink(customer.email, '/reset-password');
    // The unknown address's request was queued first and is handled by the same worker.
    expect(await db.notification.count({ where: { toAddress: unknown } })).toBe(0);

    const response = await page.goto(link);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await saveScreenshot(page, 'reset-password-dark');
    const password = newPassword();
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Confirm new password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page).toHaveURL(/\/login\?reset=1$/);
    await expect(page.getByRole('status').filter({ hasText: RESET_DONE })).toBeVisible();

    // The browser signed in before the reset is signed out on its next navigation.
    await other.goto('/dashboard');
    await expectSignedOut(other);

    await signIn(page, customer.email, password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(banner(page)).toHaveCount(0);

    // The notice of the change offers one action, "end all sessions": this browser's ends too.
    const end = await page.goto(await mailedLink(customer.email, '/end-sessions'));
    expect(end?.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByRole('button', { name: 'End all sessions' }).click();
    await expect(page.getByText(/Every session of your account has ended/)).toBeVisible();
    await saveScreenshot(page, 'end-sessions-done-dark');
    await page.goto('/dashboard');
    await expectSignedOut(page);
  });

  test('refused input: mismatched, common and taken on /register; a bad reset link', async ({
    page,
    customer,
  }) => {
    const email = `refused-${uniqueTag()}@example.test`;
    const password = newPassword();
    await page.goto('/register');

    await fillRegistration(page, { email, password, confirm: `${password}-typo` });
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(formAlert(page).first()).toHaveText('Please correct the highlighted fields');
    const confirm = page.getByLabel('Confirm password');
    await expect(confirm).toHaveAttribute('aria-invalid', 'true');
    await expect(confirm).toHaveAccessibleDescription('The passwords do not match');
    // What was typed stays, except the passwords.
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

    await fillRegistration(page, { email, password: 'qwerty123456' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
      'This password is too common; choose another',
    );
    await saveScreenshot(page, 'register-errors-dark');

    await fillRegistration(page, { email: customer.email, password });
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription(
      /An account already uses this address/,
    );
    await expect(page).toHaveURL(/\/register$/);

    // A link with a token nobody issued.
    await page.goto(`/reset-password?token=${randomBytes(32).toString('base64url')}`);
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Confirm new password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(formAlert(page)).toHaveText(LINK_INVALID);
    await saveScreenshot(page, 'reset-password-invalid-dark');
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);

    // No token at all: the page says so before anything is typed.
    await page.goto('/reset-password');
    await expect(formAlert(page)).toContainText('This link is incomplete');
  });

  test('the public forms stop a script posting from one network: 30 posts in 10 minutes', async ({
    page,
  }) => {
    test.slow();
    // Made-up confirmation links, one after another, as a script would post them.
    await page.goto(`/verify-email?token=${randomBytes(32).toString('base64url')}`);
    for (let i = 0; i < 30; i++) {
      await page.getByRole('button', { name: 'Confirm my address' }).click();
      await expect(formAlert(page)).toHaveText(LINK_INVALID);
      // A fresh form each time, so the next click is a new post.
      await page.reload();
    }
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await expect(formAlert(page)).toHaveText(
      /^Too many attempts from your network; try again in \d+ minutes?$/,
    );
  });
});
