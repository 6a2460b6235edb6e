import type { Page } from '@playwright/test';
import { recordSecret } from '../tests/support/artifacts';
import { db } from '@/lib/db/client';
import { sessionHandle } from '@/lib/auth/sessions';
import { createTestUser, randomIp } from '../tests/support/users';
import {
  allowConsoleErrors,
  expect,
  formAlert,
  liveSessions,
  pathOf,
  REFUSED_SIGN_IN,
  revokedSessions,
  signIn,
  signInFresh,
  test,
} from './fixtures';

/** The session list on /account/security. */
function sessionRows(page: Page) {
  return page.getByRole('list', { name: 'Active sessions' }).getByTestId('session-row');
}

function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** The page shows the sign-in form and none of the portal. */
async function expectSignedOut(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

test.describe('sessions across browsers', () => {
  test('a session revoked in one browser is signed out there on its next full navigation', async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    const bIp = randomIp();
    const b = await openBrowser(bIp);
    await signInFresh(a, customer);
    await signInFresh(b, customer);

    await a.goto('/account/security');
    const rows = sessionRows(a);
    await expect(rows).toHaveCount(2);
    const current = rows.filter({ hasText: 'This device' });
    await expect(current).toHaveCount(1);
    await expect(current.getByRole('button', { name: 'Sign out' })).toBeVisible();
    const other = rows.filter({ hasNotText: 'This device' });
    await expect(other).toContainText('Web portal');
    await expect(other).toContainText('Chrome on');
    // The other row is B's: it shows the address B signed in from.
    await expect(other).toContainText(bIp);
    await expect(current).not.toContainText(bIp);
    expect(await liveSessions(customer.id)).toHaveLength(2);

    await other.getByRole('button', { name: 'Revoke' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('This device');
    const revoked = await revokedSessions(customer.id);
    expect(revoked).toEqual([
      expect.objectContaining({ ip: bIp, revokedReason: expect.any(String) }),
    ]);

    // B's cookie is still there, but its session is not.
    await b.goto('/account/security');
    await expectSignedOut(b);
    expect(pathOf(b)).toBe('/login?callbackUrl=%2Faccount%2Fsecurity');

    // A is untouched.
    await a.goto('/dashboard');
    await expect(a.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();

    // Signing in again in B brings it back where it was going.
    await signIn(b, customer.email, customer.password);
    await expect(b).toHaveURL(/\/account\/security$/);
    await expect(b.getByRole('heading', { name: 'Account security' })).toBeVisible();
  });

  test('a session revoked in one browser is signed out there on a client-side navigation', async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    const b = await openBrowser();
    await signInFresh(a, customer);
    await signInFresh(b, customer);
    // B has the portal open (client router running) when its session is revoked.
    await expect(b.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();

    await a.goto('/account/security');
    await sessionRows(a)
      .filter({ hasNotText: 'This device' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect(sessionRows(a)).toHaveCount(1);

    await navLink(b, 'Contracts').click();
    await expectSignedOut(b);
    await expect(b.getByRole('heading', { name: 'Contracts' })).toHaveCount(0);
    expect(pathOf(b)).toBe('/login?callbackUrl=%2Fcontracts');
  });

  test('"Sign out all other sessions" signs out every other browser', async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    const b = await openBrowser();
    const c = await openBrowser();
    await signInFresh(a, customer);
    await signInFresh(b, customer);
    await signInFresh(c, customer);

    await a.goto('/account/security');
    await expect(sessionRows(a)).toHaveCount(3);
    await a.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await expect(a.getByRole('status')).toHaveText('Signed out 2 other sessions.');
    await expect(sessionRows(a)).toHaveCount(1);
    await expect(a.getByRole('button', { name: 'Sign out all other sessions' })).toHaveCount(0);
    expect(await liveSessions(customer.id)).toHaveLength(1);

    // B on a full navigation, C on a client-side one.
    await b.goto('/dashboard');
    await expectSignedOut(b);
    await navLink(c, 'Account').click();
    await expectSignedOut(c);

    await a.reload();
    await expect(a.getByRole('heading', { name: 'Account security' })).toBeVisible();
  });

  test('changing the password in one browser signs out the others', async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    allowConsoleErrors(REFUSED_SIGN_IN);
    const b = await openBrowser();
    await signInFresh(a, customer);
    await signInFresh(b, customer);
    const newPassword = `Changed-${customer.password}`;
    recordSecret('password', newPassword);

    // Account opens the profile; the Security tab has the sessions.
    await navLink(a, 'Account').click();
    await a
      .getByRole('navigation', { name: 'Account' })
      .getByRole('link', { name: 'Security' })
      .click();
    await expect(a.getByRole('heading', { name: 'Account security' })).toBeVisible();
    await expect(sessionRows(a)).toHaveCount(2);
    await a.getByLabel('Current password').fill(customer.password);
    await a.getByLabel('New password', { exact: true }).fill(newPassword);
    await a.getByLabel('Confirm new password').fill(newPassword);
    await a.getByRole('button', { name: 'Change password' }).click();
    await expect(a.getByRole('status')).toHaveText('Password changed. 1 other session signed out.');
    await expect(sessionRows(a)).toHaveCount(1);
    const revoked = await revokedSessions(customer.id);
    expect(revoked.map((s) => s.revokedReason)).toEqual(['password_changed']);

    await navLink(b, 'Purchases').click();
    await expectSignedOut(b);

    // A stays signed in; B needs the new password.
    await navLink(a, 'Dashboard').click();
    await expect(a.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
    await signIn(b, customer.email, customer.password);
    await expect(formAlert(b)).toHaveText('Invalid email or password.');
    await b.reload();
    await signIn(b, customer.email, newPassword);
    await expect(b.getByRole('heading', { name: 'Purchases' })).toBeVisible();
  });

  test('signing out of this device from the session list ends this session', async ({
    page,
    customer,
  }) => {
    await signInFresh(page, customer);
    await page.goto('/account/security');
    await sessionRows(page)
      .filter({ hasText: 'This device' })
      .getByRole('button', { name: 'Sign out' })
      .click();
    await expectSignedOut(page);
    expect(await liveSessions(customer.id)).toHaveLength(0);
    await page.goto('/dashboard');
    await expectSignedOut(page);
  });
});

test.describe('session limits and ownership', () => {
  test('a session past its idle expiry is signed out on its next request', async ({
    page,
    customer,
  }) => {
    await signInFresh(page, customer);
    await db.session.updateMany({
      where: { userId: customer.id },
      data: { idleExpiresAt: new Date(Date.now() - 1000) },
    });
    await navLink(page, 'Support').click();
    await expectSignedOut(page);
    expect(pathOf(page)).toBe('/login?callbackUrl=%2Fsupport');
  });

  test('a session past its absolute expiry is signed out on its next request', async ({
    page,
    customer,
  }) => {
    await signInFresh(page, customer);
    await db.session.updateMany({
      where: { userId: customer.id },
      data: { absoluteExpiresAt: new Date(Date.now() - 1000) },
    });
    await page.goto('/contracts');
    await expectSignedOut(page);
  });

  test("a tampered revoke form cannot end another customer's session", async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    const victim = await createTestUser();
    const victimPage = await openBrowser();
    await signInFresh(victimPage, victim);
    const [victimSession] = await liveSessions(victim.id);
    expect(victimSession).toBeDefined();

    // The customer has a second session, so the list has a Revoke button to tamper with.
    const second = await openBrowser();
    await signInFresh(a, customer);
    await signInFresh(second, customer);
    await a.goto('/account/security');
    const other = sessionRows(a).filter({ hasNotText: 'This device' });
    await other
      .locator('input[name="handle"]')
      .evaluate(
        (input, handle) => ((input as HTMLInputElement).value = handle),
        sessionHandle(victimSession?.id ?? ''),
      );
    await other.getByRole('button', { name: 'Revoke' }).click();
    await expect(other.getByText('Session not found')).toBeVisible();

    expect(await liveSessions(victim.id)).toHaveLength(1);
    expect(await liveSessions(customer.id)).toHaveLength(2);
    await navLink(victimPage, 'Contracts').click();
    await expect(victimPage.getByRole('heading', { name: 'Contracts' })).toBeVisible();
  });
});
