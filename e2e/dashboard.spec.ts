import type { Page } from '@playwright/test';
import { createContractsFor, SAMPLE_PORTFOLIO } from './contract-data';
import { expect, signInFresh, test } from './fixtures';

function stat(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

test.describe('the dashboard', () => {
  test('shows the counts, the charts and the newest active alerts', async ({ page, customer }) => {
    const [office] = await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
    await signInFresh(page, customer);
    await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();

    await expect(stat(page, 'Contracts').getByText('3', { exact: true })).toBeVisible();
    await expect(stat(page, 'Equipment').getByText('4', { exact: true })).toBeVisible();
    const active = stat(page, 'Active alerts');
    await expect(active.getByText('3', { exact: true })).toBeVisible();
    await expect(active.getByText('2 not acknowledged')).toBeVisible();

    // Every sample alert was raised within the last 30 days.
    await expect(
      page.getByRole('img', { name: /^5 alerts raised in the last 30 days; the busiest day was/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('img', { name: 'Equipment by status: 2 online, 1 offline, 1 faulty' }),
    ).toBeVisible();

    // Newest first, resolved ones left out.
    const recent = page.getByRole('region', { name: 'Recent active alerts' }).getByRole('link');
    await expect(recent).toHaveText([
      'Camera offline: no video signal',
      'Door forced open',
      'Motion after hours',
    ]);
    await recent.first().click();
    await expect(page).toHaveURL(new RegExp(`/contracts/${office?.id}$`));
    await expect(page.getByRole('heading', { name: 'Head Office Monitoring' })).toBeVisible();
  });

  test('a new customer gets a friendly empty state', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await expect(page.getByRole('heading', { name: 'Welcome back, Test' })).toBeVisible();
    await expect(page.getByText('No contracts yet')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Contact support' })).toHaveAttribute(
      'href',
      '/support',
    );
    await expect(page.getByRole('img')).toHaveCount(0);
  });
});
