import type { Page } from '@playwright/test';
import { db } from '@/lib/db/client';
import { expect, saveScreenshot, test, uniqueTag } from './fixtures';
import { lastMailSeq, mailSubjects } from './mailbox';

/**
 * "Continue with Auth0" in the browser, against the real OpenID provider `npm test` starts
 * (tools/oidc-provider): its own sign-in page stands for Auth0's, with a box for whether the
 * provider verified the address.
 */

const PROVIDER_UNVERIFIED =
  'Auth0 has not verified your e-mail address, so it cannot sign you in here. Verify the address at Auth0 and try again, or sign in with your password.';

async function continueWithProvider(
  page: Page,
  account: { email: string; firstName?: string; lastName?: string; verified?: boolean },
): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Continue with Auth0' }).click();
  // The provider's own page, on its own origin.
  const provider = new URL(process.env.TEST_OIDC_ISSUER ?? '').origin;
  await page.waitForURL((url) => url.origin === provider);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('First name').fill(account.firstName ?? 'Provider');
  await page.getByLabel('Last name').fill(account.lastName ?? 'Customer');
  await page.getByLabel('Email verified at the provider').setChecked(account.verified ?? true);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('sign-in through the OpenID provider', () => {
  test('a new customer signs in with Auth0 and has an account without a password', async ({
    page,
  }) => {
    const email = `oidc-new-${uniqueTag()}@example.test`;
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Continue with Auth0' })).toBeVisible();
    await saveScreenshot(page, 'login-with-provider');

    await continueWithProvider(page, { email, firstName: 'Mae', lastName: 'Jemison' });
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Mae');
    // The provider verified the address: nothing waits for a confirmation mail.
    await expect(page.getByRole('region', { name: 'Unconfirmed e-mail address' })).toHaveCount(0);

    const user = await db.user.findUniqueOrThrow({
      where: { email },
      select: { passwordHash: true, linkedAccounts: { select: { issuer: true } } },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.linkedAccounts.map((l) => l.issuer)).toEqual([process.env.TEST_OIDC_ISSUER]);

    // Its security page offers a password through reset instead of a form that cannot work.
    await page.goto('/account/security');
    const password = page.getByRole('region', { name: 'Password' });
    await expect(password).toContainText('You sign in through Auth0');
    await expect(password.getByRole('link', { name: 'Forgot password' })).toBeVisible();
    await expect(page.getByLabel('Current password')).toHaveCount(0);
    const providers = page.getByRole('region', { name: 'Sign-in providers' });
    await expect(providers).toContainText(email);
    // Its only way in cannot be removed until it has a password.
    await expect(providers).toContainText('Your only way in');
    await expect(providers.getByRole('button', { name: /Remove/ })).toHaveCount(0);
    await saveScreenshot(page, 'security-provider-account');
  });

  test('an existing verified customer is linked, keeps the password, and is told by e-mail', async ({
    page,
    customer,
  }) => {
    const before = lastMailSeq();
    await continueWithProvider(page, { email: customer.email });
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(db.linkedAccount.count({ where: { userId: customer.id } })).resolves.toBe(1);
    await expect
      .poll(() => mailSubjects(customer.email, before), { timeout: 20_000 })
      .toContain('A sign-in provider was linked to your account');

    // The customer can take the link away again on the security page.
    await page.goto('/account/security');
    const providers = page.getByRole('region', { name: 'Sign-in providers' });
    await expect(providers).toContainText(customer.email);
    await providers.getByRole('button', { name: 'Remove Auth0' }).click();
    await expect(page.getByRole('region', { name: 'Sign-in providers' })).toHaveCount(0);
    expect(await db.linkedAccount.count({ where: { userId: customer.id } })).toBe(0);
  });

  test('an address the provider has not verified is refused with a clear message', async ({
    page,
    customer,
  }) => {
    await continueWithProvider(page, { email: customer.email, verified: false });
    await expect(page).toHaveURL(/\/login\?error=OIDC_EMAIL_UNVERIFIED$/);
    await expect(page.getByRole('alert').filter({ hasText: PROVIDER_UNVERIFIED })).toBeVisible();
    await saveScreenshot(page, 'login-provider-unverified');
    expect(await db.linkedAccount.count({ where: { userId: customer.id } })).toBe(0);
    // Still signed out: the portal's pages send the visitor to sign in.
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login/);
  });
});
