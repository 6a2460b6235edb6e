import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listPaymentMethods } from '@/lib/payments/billing';
import { expect, navLink, signInFresh, test } from './fixtures';
import { fillHostedCheckout, grantLicense, PAYING_CARD } from './payment-data';

test.describe('billing', () => {
  test('add a card through Stripe and remove it after confirming', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await page.goto('/billing');
    await expect(page.getByText('No saved cards')).toBeVisible();
    await expect(page.getByText('No invoices yet')).toBeVisible();

    await page.getByRole('button', { name: 'Add a card' }).click();
    await expect(page.getByRole('heading', { name: 'Save a card' })).toBeVisible();
    await fillHostedCheckout(page, PAYING_CARD);

    await expect(page).toHaveURL(/\/billing\?card=added&session_id=cs_/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Your card was saved.');
    const card = page.getByRole('listitem', { name: 'Visa ending in 4242' });
    await expect(card).toContainText('Visa •••• 4242');
    await expect(card).toContainText('Expires 12/34');
    const [saved] = await listPaymentMethods(customer.id);
    expect(saved).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 });

    // "Remove" only asks; "Keep card" changes nothing.
    await card.getByRole('button', { name: 'Remove Visa ending in 4242' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this card?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep card' }).click();
    await expect(dialog).toBeHidden();
    expect(await listPaymentMethods(customer.id)).toHaveLength(1);

    // A tampered hidden id is "not found", and nothing is removed.
    await card.getByRole('button', { name: 'Remove Visa ending in 4242' }).click();
    await dialog.locator('input[name="paymentMethodId"]').evaluate((input) => {
      (input as HTMLInputElement).value = 'not-a-card';
    });
    await dialog.getByRole('button', { name: 'Remove card' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('That card was not found.');
    expect(await listPaymentMethods(customer.id)).toHaveLength(1);
    await page.reload();

    await card.getByRole('button', { name: 'Remove Visa ending in 4242' }).click();
    await dialog.getByRole('button', { name: 'Remove card' }).click();
    await expect(page).toHaveURL(/\/billing\?card=removed$/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText('The card was removed.');
    await expect(page.getByText('No saved cards')).toBeVisible();
    await expect(card).toHaveCount(0);
    expect(await listPaymentMethods(customer.id)).toEqual([]);
  });
});

test.describe('downloads', () => {
  test('a v2 license downloads a fresh signed file whose SHA-256 matches the listed checksum', async ({
    page,
    customer,
  }) => {
    await grantLicense(customer.id, { majorVersion: 2 });
    await signInFresh(page, customer);
    await navLink(page, 'Downloads').click();
    await expect(page.getByRole('heading', { name: 'Downloads', exact: true })).toBeVisible();

    const v2 = page.getByRole('region', { name: 'Sense Base 2.0.0' });
    await expect(v2).toContainText('Included in your license');
    await expect(v2).toContainText('Released Sep 1, 2026');
    const listed = (await v2.getByTestId('sha256-linux-x64').textContent()) ?? '';
    expect(listed).toMatch(/^[0-9a-f]{64}$/);

    const button = v2.getByRole('button', { name: 'Download sense-base-2.0.0-linux-x64.bin' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('sense-base-2.0.0-linux-x64.bin');
    expect(download.url()).toMatch(/\/api\/files\/software_v2\/linux-x64\?.*signature=/);
    const bytes = readFileSync(await download.path());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed);
    // The page stays where it was.
    await expect(page).toHaveURL(/\/downloads$/);

    // A second click mints another link (not one remembered from the first).
    const [again] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(again.url()).toMatch(/\/api\/files\/software_v2\/linux-x64\?/);

    // The 1.x line needs its own license.
    const v1 = page.getByRole('region', { name: 'Sense Base 1.4.2' });
    await expect(v1).toContainText('Locked');
    await expect(v1).toContainText(
      'Your license covers version 2.x; version 1.x needs its own license.',
    );
    await expect(v1.getByRole('button', { name: /^Download/ })).toHaveCount(0);
  });

  test('without a license every release is locked and says why', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await page.goto('/downloads');
    for (const version of ['2.0.0', '1.4.2']) {
      const release = page.getByRole('region', { name: `Sense Base ${version}` });
      await expect(release).toContainText('Locked');
      await expect(release).toContainText('Buy Sense Base to download it.');
      await expect(release.getByRole('button', { name: /^Download/ })).toHaveCount(0);
      // The files are still described, so the customer knows what they would get.
      await expect(release).toContainText('Linux (x64)');
    }
    await page
      .getByRole('region', { name: 'Sense Base 2.0.0' })
      .getByRole('link', { name: 'Buy Sense Base' })
      .click();
    await expect(page).toHaveURL(/\/purchases$/);
  });

  test('a suspended license is explained on the licenses and downloads pages', async ({
    page,
    customer,
  }) => {
    await grantLicense(customer.id, { majorVersion: 2, status: 'SUSPENDED', reason: 'refunded' });
    await signInFresh(page, customer);
    await page.goto('/licenses');
    const license = page.getByRole('listitem', { name: 'Sense Base 2.x license' });
    await expect(license).toContainText('Suspended');
    await expect(license).toContainText('Suspended because its payment was refunded');
    await page.goto('/downloads');
    const v2 = page.getByRole('region', { name: 'Sense Base 2.0.0' });
    await expect(v2).toContainText('Your license for this version is suspended.');
    await expect(v2.getByRole('button', { name: /^Download/ })).toHaveCount(0);
    // Buying again is not the answer to a suspension: support is.
    await expect(v2.getByRole('link', { name: 'Buy Sense Base' })).toHaveCount(0);
  });
});
