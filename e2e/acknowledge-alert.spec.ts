import { db } from '@/lib/db/client';
import { createContractsFor, SAMPLE_PORTFOLIO } from './contract-data';
import { expect, navLink, signInFresh, test } from './fixtures';

test('acknowledging an alert updates the contract page and the dashboard', async ({
  page,
  customer,
}) => {
  const [office] = await createContractsFor(customer.id, SAMPLE_PORTFOLIO);
  const door = office?.equipment[0]?.alerts.find((a) => a.message === 'Door forced open');
  await signInFresh(page, customer);
  const active = page.getByRole('region', { name: 'Active alerts', exact: true });
  await expect(active.getByText('2 not acknowledged')).toBeVisible();

  await page.goto(`/contracts/${office?.id}`);
  const list = page.getByRole('region', { name: 'Active alerts' });
  const row = list.getByRole('listitem').filter({ hasText: 'Door forced open' });
  await expect(row).toContainText('Not acknowledged');
  await row.getByRole('button', { name: 'Acknowledge “Door forced open”' }).click();

  await expect(row).toContainText(/Acknowledged just now/);
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(row).not.toContainText('Not acknowledged');
  await expect(page.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(1);
  const stored = await db.alert.findUnique({ where: { id: door?.id ?? 0 } });
  expect(stored?.acknowledgedAt).not.toBeNull();
  expect(stored?.resolvedAt).toBeNull();

  // The page survives a reload (the change is in the database, not only on screen).
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Active alerts' }).getByRole('listitem').filter({
      hasText: 'Door forced open',
    }),
  ).toContainText('Acknowledged');

  await navLink(page, 'Dashboard').click();
  await expect(active.getByText('1 not acknowledged')).toBeVisible();
  await expect(active.getByText('3', { exact: true })).toBeVisible();
});
