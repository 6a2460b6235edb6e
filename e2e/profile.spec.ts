import { db } from '@/lib/db/client';
import { createTestUser } from '../tests/support/users';
import { expect, formAlert, navLink, openSecurityTab, signInFresh, test } from './fixtures';

test.describe('the profile page', () => {
  test('shows the contract fields read-only and saves the editable ones', async ({ page }) => {
    const user = await createTestUser({ lastName: 'Original' });
    await db.user.update({
      where: { id: user.id },
      data: { nameOnContract: 'Original Holdings Ltd', address: '1 Test Street, Testville' },
    });
    await signInFresh(page, user);

    await navLink(page, 'Account').click();
    await expect(page).toHaveURL(/\/account\/profile$/);
    await expect(page.getByRole('heading', { name: 'Profile', exact: true })).toBeVisible();
    const tabs = page.getByRole('navigation', { name: 'Account' });
    await expect(tabs.getByRole('link', { name: 'Profile' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    const contract = page.getByRole('region', { name: 'Contract details' });
    await expect(contract).toContainText(String(user.id));
    await expect(contract).toContainText('Original Holdings Ltd');
    await expect(contract).toContainText(user.email);
    await expect(contract).toContainText('1 Test Street, Testville');
    await expect(contract).toContainText('Active');
    // Read-only means no inputs for them.
    await expect(page.getByLabel('E-mail')).toHaveCount(0);
    await expect(page.getByLabel('Address')).toHaveCount(0);

    // A bad phone number: an inline error, the typed values kept, nothing saved.
    await page.getByLabel('First name').fill('Testy');
    await page.getByLabel('Phone').fill('abc!');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(formAlert(page)).toContainText('Please correct the highlighted fields');
    await expect(page.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.getByText('Phone may contain digits, spaces, + ( ) . - and x only'),
    ).toBeVisible();
    await expect(page.getByLabel('Phone')).toHaveValue('abc!');
    await expect(page.getByLabel('First name')).toHaveValue('Testy');
    expect((await db.user.findUnique({ where: { id: user.id } }))?.firstName).toBe('Test');

    // An empty first name is refused too.
    await page.getByLabel('First name').fill('');
    await page.getByLabel('Phone').fill('+1 (555) 010-0100');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('First name is required')).toBeVisible();

    await page.getByLabel('First name').fill('Testy');
    await page.getByLabel('Last name').fill('McTest');
    await page.getByLabel('Company').fill('Acme Security');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText(
      'Your profile has been saved.',
    );
    await expect(page.getByLabel('Phone')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Phone')).toHaveValue('+1 (555) 010-0100');
    await expect(page.getByLabel('Company')).toHaveValue('Acme Security');
    // The header shows the new name.
    await expect(page.getByRole('banner')).toContainText('Testy McTest');

    const stored = await db.user.findUnique({ where: { id: user.id } });
    expect(stored).toMatchObject({
      firstName: 'Testy',
      lastName: 'McTest',
      phone: '+1 (555) 010-0100',
      company: 'Acme Security',
      nameOnContract: 'Original Holdings Ltd',
      email: user.email,
    });

    await page.reload();
    await expect(page.getByLabel('First name')).toHaveValue('Testy');
    await expect(page.getByLabel('Phone')).toHaveValue('+1 (555) 010-0100');

    // Clearing an optional field removes it.
    await page.getByLabel('Company').fill('');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('main').getByRole('status')).toBeVisible();
    await expect
      .poll(async () => (await db.user.findUnique({ where: { id: user.id } }))?.company)
      .toBeNull();
  });

  test('/account opens the profile and the tabs reach security', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/account\/profile$/);
    await openSecurityTab(page);
    await expect(
      page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security' }),
    ).toHaveAttribute('aria-current', 'page');
  });
});
