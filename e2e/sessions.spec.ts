import type { Page } from '@playwright/test';
import { recordSecret } from '../tests/support/artifacts';
import { db } from '@/lib/db/client';
import { sessionHandle } from '@/lib/auth/sessions';
import { createTestUser, randomIp, type TestUser } from '../tests/support/users';
import {
  allowConsoleErrors,
  expect,
  expectSignedOut,
  formAlert,
  liveSessions,
  navLink,
  pathOf,
  REFUSED_SIGN_IN,
  revokedSessions,
  signIn,
  signInFresh,
  test,
} from './fixtures';

/** A page in another browser (from the `openBrowser` fixture), signed in as `user`. */
async function signedInBrowser(
  openBrowser: (ip?: string) => Promise<Page>,
  user: TestUser,
  ip?: string,
): Promise<Page> {
  const page = await openBrowser(ip);
  await signInFresh(page, user);
  return page;
}

/** The session list on /account/security. */
function sessionRows(page: Page) {
  return page.getByRole('list', { name: 'Active sessions' }).getByTestId('session-row');
}

test.describe('sessions across browsers', () => {
  test('a session revoked in one browser is signed out there on its next full navigation', async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    const bIp = randomIp();
    await signInFresh(a, customer);
    const b = await signedInBrowser(openBrowser, customer, bIp);

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
    await signInFresh(a, customer);
    const b = await signedInBrowser(openBrowser, customer);
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
    // B and C sign in first; A, the newest session, signs the others out.
    const b = await signedInBrowser(openBrowser, customer);
    const c = await signedInBrowser(openBrowser, customer);
    await signInFresh(a, customer);

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
    await signInFresh(a, customer);
    const b = await signedInBrowser(openBrowser, customer);
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
  for (const expiry of [
    {
      kind: 'idle',
      column: 'idleExpiresAt',
      // Clicked: a client-side navigation, where the absolute case below loads a full page.
      next: (page: Page) => navLink(page, 'Support').click(),
      signInPath: '/login?callbackUrl=%2Fsupport',
    },
    {
      kind: 'absolute',
      column: 'absoluteExpiresAt',
      next: (page: Page) => page.goto('/contracts'),
      signInPath: null,
    },
  ] as const) {
    test(`a session past its ${expiry.kind} expiry is signed out on its next request`, async ({
      page,
      customer,
    }) => {
      await signInFresh(page, customer);
      await db.session.updateMany({
        where: { userId: customer.id },
        data: { [expiry.column]: new Date(Date.now() - 1000) },
      });
      await expiry.next(page);
      await expectSignedOut(page);
      if (expiry.signInPath) expect(pathOf(page)).toBe(expiry.signInPath);
    });
  }

  test("a tampered revoke form cannot end another customer's session", async ({
    page: a,
    openBrowser,
    customer,
  }) => {
    const victim = await createTestUser();
    const victimPage = await signedInBrowser(openBrowser, victim);
    const [victimSession] = await liveSessions(victim.id);
    expect(victimSession).toBeDefined();

    // The customer has a second session, so the list has a Revoke button to tamper with.
    await signInFresh(a, customer);
    await signedInBrowser(openBrowser, customer);
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
