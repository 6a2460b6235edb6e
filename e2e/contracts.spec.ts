import type { Page } from '@playwright/test';
import { createContractsFor, SAMPLE_PORTFOLIO } from './contract-data';
import { createTestUser } from '../tests/support/users';
import { allowConsoleErrors, expect, navLink, signInFresh, test } from './fixtures';

function rows(page: Page) {
  return page.getByRole('table').getByRole('row');
}

test.describe('contracts', () => {
  test('list, filter by status, and a contract page', async ({ page, customer }) => {
    const [office] = await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
    await signInFresh(page, customer);
    await navLink(page, 'Contracts').click();
    await expect(page.getByRole('heading', { name: 'Contracts', exact: true })).toBeVisible();

    // A header row and the three contracts, in id order.
    await expect(rows(page)).toHaveCount(4);
    await expect(rows(page).nth(1)).toContainText('Head Office Monitoring');
    await expect(rows(page).nth(1)).toContainText('Active');
    await expect(rows(page).nth(1)).toContainText('Premium');
    await expect(rows(page).nth(1)).toContainText('Feb 1, 2024');
    await expect(rows(page).nth(1)).toContainText('Feb 1, 2027');
    await expect(rows(page).nth(3)).toContainText('Suspended');
    await expect(rows(page).nth(3)).toContainText('Open-ended');

    const filter = page.getByRole('navigation', { name: 'Filter by status' });
    await expect(filter.getByRole('link', { name: 'All' })).toHaveAttribute('aria-current', 'page');
    await filter.getByRole('link', { name: 'Inactive' }).click();
    await expect(page).toHaveURL(/\/contracts\?status=inactive$/);
    await expect(filter.getByRole('link', { name: 'Inactive' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(rows(page)).toHaveCount(2);
    await expect(rows(page).nth(1)).toContainText('Warehouse Coverage');

    await filter.getByRole('link', { name: 'Cancelled' }).click();
    await expect(page.getByText('No cancelled contracts')).toBeVisible();
    await page.getByRole('link', { name: 'Show all contracts' }).click();
    await expect(page).toHaveURL(/\/contracts$/);
    await expect(rows(page)).toHaveCount(4);

    await page.getByRole('link', { name: 'Head Office Monitoring' }).click();
    await expect(page).toHaveURL(new RegExp(`/contracts/${office?.id}$`));
    await expect(page.getByRole('heading', { name: 'Head Office Monitoring' })).toBeVisible();
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details).toContainText('Feb 1, 2024');
    await expect(details).toContainText('Feb 1, 2027');
    const tier = page.getByRole('region', { name: 'Premium service' });
    await expect(tier.getByRole('listitem')).toHaveText([
      /24\/7 Monitoring/,
      /Unlimited Cameras/,
      /Remote Access Support/,
    ]);
    const equipment = page.getByRole('list', { name: 'Equipment' }).getByRole('listitem');
    await expect(equipment).toHaveCount(2);
    await expect(equipment.filter({ hasText: 'Car park' })).toContainText('Faulty');
    await expect(equipment.filter({ hasText: 'Front door' })).toContainText('Online');

    // Active alerts first, newest first; resolved ones after them.
    const activeAlerts = page.getByRole('region', { name: 'Active alerts' }).getByRole('listitem');
    await expect(activeAlerts).toHaveCount(3);
    await expect(activeAlerts.nth(0)).toContainText('Camera offline: no video signal');
    await expect(activeAlerts.nth(0)).toContainText('Critical');
    await expect(activeAlerts.nth(0)).toContainText('Not acknowledged');
    await expect(activeAlerts.nth(2)).toContainText('Motion after hours');
    await expect(activeAlerts.nth(2)).toContainText(
      /Acknowledged \d+ hours? ago|Acknowledged yesterday/,
    );
    await expect(activeAlerts.nth(2).getByRole('button')).toHaveCount(0);
    const resolved = page.getByRole('region', { name: 'Resolved alerts' }).getByRole('listitem');
    await expect(resolved).toHaveText([/Lens obstruction suspected.*Resolved 10 days ago/]);
    await expect(page.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(2);
  });

  test('an unknown status filter shows every contract with a note', async ({ page, customer }) => {
    await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
    await signInFresh(page, customer);
    const res = await page.goto('/contracts?status=bogus');
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(
      '“bogus” is not a contract status; showing all contracts.',
    );
    await expect(rows(page)).toHaveCount(4);
  });

  test('pages of ten, with previous and next links', async ({ page, customer }) => {
    await createContractsFor(
      customer.id,
      Array.from({ length: 12 }, (_, i) => ({ name: `Site ${String(i + 1).padStart(2, '0')}` })),
    );
    await signInFresh(page, customer);
    await page.goto('/contracts');
    await expect(rows(page)).toHaveCount(11);
    const pager = page.getByRole('navigation', { name: 'Contract pages' });
    await expect(pager).toContainText('Page 1 of 2');
    await pager.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/\/contracts\?page=2$/);
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).nth(2)).toContainText('Site 12');
    await pager.getByRole('link', { name: '← Previous' }).click();
    await expect(page).toHaveURL(/\/contracts$/);
    await expect(rows(page).nth(1)).toContainText('Site 01');
  });

  test('a new customer sees an empty list', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await page.goto('/contracts');
    await expect(page.getByText('No contracts yet')).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  test("another customer's contract and ids that are not ids answer 404", async ({
    page,
    customer,
  }) => {
    allowConsoleErrors(/status of 404 \(Not Found\) \(at \S+\/contracts\/[^/\s]+:1\)/);
    const [own] = await createContractsFor(customer.id, [{ name: 'My Shop' }]);
    const other = await createTestUser();
    const [theirs] = await createContractsFor(other.id, [{ name: 'Their Secret Site' }]);
    await signInFresh(page, customer);

    const mine = await page.goto(`/contracts/${own?.id}`);
    expect(mine?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'My Shop' })).toBeVisible();

    for (const id of [String(theirs?.id), 'abc', '-1', '0', '1.5', '99999999999', '2147483647']) {
      const res = await page.goto(`/contracts/${id}`);
      expect(res?.status(), `/contracts/${id}`).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(page.getByText('Their Secret Site')).toHaveCount(0);
    }
    // The portal stays around the 404: navigation and a way back.
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

    test('contracts show as cards and nothing is wider than the screen', async ({
      page,
      customer,
    }) => {
      await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
      await signInFresh(page, customer);
      await page.goto('/contracts');
      await expect(page.getByRole('table')).toBeHidden();
      await expect(page.getByRole('link', { name: 'Warehouse Coverage' })).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      await page.getByRole('link', { name: 'Head Office Monitoring' }).click();
      await expect(page.getByRole('heading', { name: 'Head Office Monitoring' })).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      await page.goto('/dashboard');
      await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    });
  });
});

function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
