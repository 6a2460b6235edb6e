import { createTestUser } from '../tests/support/users';
import { db } from '@/lib/db/client';
import {
  allowConsoleErrors,
  expect,
  formAlert,
  liveSessions,
  navLink,
  pathOf,
  REFUSED_SIGN_IN,
  signIn,
  signInFresh,
  signOutButton,
  test,
  uniqueTag,
} from './fixtures';

test('a customer signs in, lands on the dashboard and signs out', async ({ page, customer }) => {
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
  await signIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
  expect(await liveSessions(customer.id)).toHaveLength(1);

  await signOutButton(page).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
  // Sign-out ended the server-side session, not just the cookie.
  expect(await liveSessions(customer.id)).toHaveLength(0);

  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
});

test('the e-mail is matched regardless of case and surrounding spaces', async ({ page }) => {
  const user = await createTestUser({ email: `Mixed.Case-${uniqueTag()}@Example.test` });
  await page.goto('/login');
  await signIn(page, `  ${user.email.toUpperCase()} `, user.password);
  await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
});

test('a wrong password and an unknown e-mail get the same message', async ({ page, customer }) => {
  allowConsoleErrors(REFUSED_SIGN_IN);
  await page.goto('/login');
  await signIn(page, customer.email, `${customer.password}-wrong`);
  const alert = formAlert(page);
  await expect(alert).toHaveText('Invalid email or password.');
  await expect(page).toHaveURL(/\/login$/);
  // The e-mail stays filled in; the password field is for the user to retype.
  await expect(page.getByLabel('Email')).toHaveValue(customer.email);

  await page.reload();
  await signIn(page, `nobody-${uniqueTag()}@example.test`, customer.password);
  await expect(formAlert(page)).toHaveText('Invalid email or password.');
  await expect(page).toHaveURL(/\/login$/);

  expect(await liveSessions(customer.id)).toHaveLength(0);
  // And the right password still works afterwards.
  await page.reload();
  await signIn(page, customer.email, customer.password);
  await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
});

test('an empty form is refused before anything is sent', async ({ page }) => {
  await page.goto('/login');
  let posted = false;
  page.on('request', (request) => {
    if (request.url().includes('/api/auth/callback/')) posted = true;
  });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(formAlert(page)).toHaveText('Enter your email and password.');
  expect(posted).toBe(false);
});

test('the button shows its pending state while signing in', async ({ page, customer }) => {
  await page.goto('/login');
  // Hold the credentials post until the pending state has been seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/auth/callback/credentials*', async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, customer.email, customer.password);
  const pending = page.getByRole('button', { name: 'Signing in…' });
  await expect(pending).toBeVisible();
  await expect(pending).toBeDisabled();
  release();
  await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
});

test('an inactive account cannot sign in and is told why', async ({ page }) => {
  allowConsoleErrors(REFUSED_SIGN_IN);
  const user = await createTestUser({ active: false });
  await page.goto('/login');
  await signIn(page, user.email, user.password);
  await expect(formAlert(page)).toHaveText(
    'This account is inactive. Contact support to reactivate it.',
  );
  await expect(page).toHaveURL(/\/login$/);
  expect(await liveSessions(user.id)).toHaveLength(0);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
});

test('an inactive account with a wrong password learns nothing about the account', async ({
  page,
}) => {
  allowConsoleErrors(REFUSED_SIGN_IN);
  const user = await createTestUser({ active: false });
  await page.goto('/login');
  await signIn(page, user.email, `${user.password}-wrong`);
  await expect(formAlert(page)).toHaveText('Invalid email or password.');
});

test.describe('once signed in', () => {
  test.beforeEach(async ({ page, customer }) => {
    await signInFresh(page, customer);
  });

  test('an account deactivated while signed in is signed out on its next request', async ({
    page,
    customer,
  }) => {
    await db.user.update({ where: { id: customer.id }, data: { active: false } });
    await navLink(page, 'Contracts').click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
  });

  test('a signed-in customer who opens /login is sent on to the portal', async ({ page }) => {
    await page.goto('/login?callbackUrl=%2Fcontracts');
    await expect(page).toHaveURL(/\/contracts$/);
    await expect(page.getByRole('heading', { name: 'Contracts' })).toBeVisible();
    expect(pathOf(page)).toBe('/contracts');
  });

  test('the session cookie is HttpOnly and SameSite=Lax and carries no account data', async ({
    page,
    context,
    customer,
  }) => {
    const cookie = (await context.cookies()).find((c) => /portal\.session$/.test(c.name));
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.value).not.toContain(customer.email);
    // Scripts in the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/portal\.session/);
  });
});

test('repeated wrong passwords are slowed down with a clear message', async ({
  page,
  customer,
}) => {
  // Up to 13 sign-ins, each a bcrypt round and a page load: on a loaded 2-core machine this takes
  // longer than the default 45 s, though nothing is wrong.
  test.slow();
  allowConsoleErrors(REFUSED_SIGN_IN);
  await page.goto('/login');
  const seen = new Set<string>();
  for (let attempt = 1; attempt <= 12; attempt++) {
    await signIn(page, customer.email, `${customer.password}-wrong-${attempt}`);
    const alert = formAlert(page);
    await expect(alert).toHaveText(/Invalid email or password\.|Too many sign-in attempts/);
    const text = (await alert.textContent()) ?? '';
    seen.add(text.startsWith('Too many') ? 'limited' : 'invalid');
    if (seen.has('limited')) break;
    await page.reload();
  }
  expect([...seen]).toEqual(['invalid', 'limited']);
  await expect(formAlert(page)).toHaveText(
    /^Too many sign-in attempts\. Try again in \d+ minutes?\.$/,
  );
  // Even the right password waits now.
  await page.reload();
  await signIn(page, customer.email, customer.password);
  await expect(formAlert(page)).toHaveText(/^Too many sign-in attempts/);
  expect(await liveSessions(customer.id)).toHaveLength(0);
});
