import { expect, pathOf, signIn, test } from './fixtures';

test.describe('where sign-in leads', () => {
  test('signed out, a portal page sends the customer to sign in and back', async ({
    page,
    customer,
  }) => {
    await page.goto('/account/security');
    expect(pathOf(page)).toBe('/login?callbackUrl=%2Faccount%2Fsecurity');
    await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
    await signIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(/\/account\/security$/);
    await expect(page.getByRole('heading', { name: 'Account security' })).toBeVisible();
  });

  test('a callbackUrl with a query string survives the round trip', async ({ page, customer }) => {
    await page.goto('/contracts?tab=active');
    expect(pathOf(page)).toBe('/login?callbackUrl=%2Fcontracts%3Ftab%3Dactive');
    await signIn(page, customer.email, customer.password);
    await expect(page.getByRole('heading', { name: 'Contracts' })).toBeVisible();
    expect(pathOf(page)).toBe('/contracts?tab=active');
  });

  const foreign = [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/x',
    'javascript:alert(1)',
    ' //evil.example',
    '/login?callbackUrl=https://evil.example',
    // Issue 7: dot segments that the URL parser turns into `//evil.example`.
    '/.//evil.example/x',
    '/..//evil.example/x',
    '/%2e//evil.example/x',
    '/%5Cevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
  ];
  for (const callbackUrl of foreign) {
    test(`callbackUrl ${JSON.stringify(callbackUrl)} is ignored: the dashboard opens`, async ({
      page,
      customer,
      baseURL,
    }) => {
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await signIn(page, customer.email, customer.password);
      await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
      const url = new URL(page.url());
      expect(url.origin).toBe(new URL(baseURL ?? '').origin);
      expect(url.pathname).toBe('/dashboard');
      expect(dialogs).toEqual([]);
    });
  }

  test('a signed-in visit to /login with a foreign callbackUrl stays on the portal', async ({
    page,
    customer,
    baseURL,
  }) => {
    await page.goto('/login');
    await signIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    for (const callbackUrl of [
      '//evil.example/phish',
      '/.//evil.example/x',
      '/%2e//evil.example',
    ]) {
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? '').origin);
      expect(new URL(page.url()).pathname).toBe('/dashboard');
    }
  });

  test('an absolute URL on the portal origin is followed', async ({ page, customer, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(`${baseURL}/contracts`)}`);
    await signIn(page, customer.email, customer.password);
    await expect(page.getByRole('heading', { name: 'Contracts' })).toBeVisible();
    expect(pathOf(page)).toBe('/contracts');
  });
});
