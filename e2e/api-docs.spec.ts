import type { Page } from '@playwright/test';
import { recordSecret } from '../tests/support/artifacts';
import { createTestUser } from '../tests/support/users';
import { expect, expectApiOperation, signInFresh, test } from './fixtures';

/** Opens /api-docs and checks that Swagger UI rendered the live document, with nothing from a CDN. */
async function expectApiReference(page: Page): Promise<void> {
  const external: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && url.protocol !== 'data:') {
      external.push(request.url());
    }
  });
  await page.goto('/api-docs');
  await expect(page.getByRole('heading', { name: 'Sense Security API reference' })).toBeVisible();
  await expectApiOperation(page, '/api/v1/auth/login');
  await expect(page.getByText('/api/v1/protected/profile', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Failed to load API definition')).toHaveCount(0);
  expect(external, 'requests to other origins').toEqual([]);
}

test.describe('API reference', () => {
  test('renders from the bundled renderer without CSP violations', async ({ page }) => {
    await expectApiReference(page);
    await expect(
      page
        .getByRole('main')
        .getByRole('paragraph')
        .getByRole('link', { name: '/api/v1/openapi.json' }),
    ).toHaveAttribute('href', '/api/v1/openapi.json');
  });

  test('renders for a signed-in customer', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await expectApiReference(page);
  });

  test('renders for a customer who still has to change the password', async ({ page }) => {
    test.slow();
    const user = await createTestUser({ forcePasswordChange: true });
    await signInFresh(page, user, /\/change-password$/);
    // Public endpoints stay public whatever cookie the browser happens to send.
    for (const path of ['/api/v1/openapi.json', '/api/health', '/api/ready']) {
      const response = await page.request.get(path);
      expect.soft(response.status(), `GET ${path}`).toBe(200);
    }
    // So does token sign-in, for any account.
    const other = await createTestUser();
    const login = await page.request.post('/api/v1/auth/login', {
      data: { email: other.email, password: other.password },
    });
    const token = ((await login.json()) as { data?: { refresh_token?: unknown } }).data
      ?.refresh_token;
    if (typeof token === 'string') recordSecret('refresh_token', token);
    expect.soft(login.status(), 'POST /api/v1/auth/login').toBe(200);
    await expectApiReference(page);
  });
});
