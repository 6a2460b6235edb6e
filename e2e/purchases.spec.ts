import { db } from '@/lib/db/client';
import { LICENSE_KEY_PATTERN } from '@/lib/licenses/keys';
import { listLicenses } from '@/lib/licenses/licenses';
import { listPurchases } from '@/lib/payments/purchases';
import { purchaseId } from '@/lib/payments/views';
import { createTestUser } from '../tests/support/users';
import { allowConsoleErrors, expect, navLink, signInFresh, test } from './fixtures';
import {
  BUY_BUTTON,
  DECLINED_CARD,
  fillHostedCheckout,
  PAYING_CARD,
  startPurchase,
} from './payment-data';

/** Buying Sense Base through the Stripe emulator's hosted Checkout, each test with its own customer. */
test.describe('buying Sense Base', () => {
  test('paying with 4242… lands on the success page with the new license key', async ({
    page,
    customer,
  }) => {
    await signInFresh(page, customer);
    await navLink(page, 'Purchases').click();
    await expect(page.getByRole('heading', { name: 'Purchases', exact: true })).toBeVisible();
    await expect(page.getByText('No purchases yet')).toBeVisible();

    await page.getByRole('button', { name: BUY_BUTTON }).click();
    await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
    await expect(page.getByText('$359.00').first()).toBeVisible();
    await fillHostedCheckout(page, PAYING_CARD);

    await expect(page).toHaveURL(/\/purchases\/success\?session_id=cs_[A-Za-z0-9_]+$/);
    await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible();
    const key = (await page.getByTestId('license-key').textContent()) ?? '';
    expect(key).toMatch(LICENSE_KEY_PATTERN);

    const licenses = await listLicenses(customer.id);
    expect(licenses.map((l) => [l.key, l.status, l.majorVersion])).toEqual([[key, 'ACTIVE', 2]]);

    // Reloading the success page (and the webhook arriving) changes nothing: still one purchase.
    await page.reload();
    await expect(page.getByTestId('license-key')).toHaveText(key);
    await expect.poll(async () => (await listPurchases(customer.id, 1, 10)).total).toBe(1);
  });

  test('the webhook alone fulfils when the browser never comes back', async ({
    page,
    customer,
  }) => {
    await signInFresh(page, customer);
    await startPurchase(page);
    // The browser is "closed" on its way back: the card form's post reaches Stripe (which takes
    // the payment and answers with the redirect), but the browser never follows it.
    const redirects: string[] = [];
    await page.route(/\/checkout\/cs_[A-Za-z0-9_]+$/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch({ maxRedirects: 0 });
      redirects.push(answer.headers()['location'] ?? '');
      await route.abort();
    });
    await fillHostedCheckout(page, PAYING_CARD);
    await expect.poll(() => redirects.length).toBe(1);
    expect(redirects[0]).toMatch(/\/purchases\/success\?session_id=cs_/);
    await page.unrouteAll();

    // Only the emulator's checkout.session.completed webhook can record it.
    await expect(async () => {
      await page.goto('/purchases');
      await expect(page.getByRole('link', { name: 'Base Software License' })).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole('row', { name: /Base Software License/ })).toContainText('$359.00');
    const [purchase] = (await listPurchases(customer.id, 1, 10)).items;
    expect(purchase?.license?.status).toBe('ACTIVE');
    expect(redirects[0]).toContain(`session_id=${purchase?.checkoutSessionId}`);

    await page.goto('/licenses');
    await expect(page.getByTestId('license-key')).toHaveText(purchase?.license?.key ?? 'missing');
  });

  test('a declined card shows Stripe’s error and records nothing', async ({ page, customer }) => {
    allowConsoleErrors(
      /status of 402 \(Payment Required\) \(at http:\/\/127\.0\.0\.1:\d+\/checkout\//,
    );
    await signInFresh(page, customer);
    await startPurchase(page);
    await fillHostedCheckout(page, DECLINED_CARD);
    await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
    await expect(page).toHaveURL(/\/checkout\/cs_/);
    const sessionId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // Coming to the success page with that unpaid session says so and records nothing.
    const pending = await page.goto(`/purchases/success?session_id=${sessionId}`);
    expect(pending?.status()).toBe(200);
    await expect(
      page.getByRole('heading', { name: 'Your payment is not confirmed yet' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Refresh' })).toHaveAttribute(
      'href',
      `/purchases/success?session_id=${sessionId}`,
    );

    await page.goto('/purchases');
    await expect(page.getByText('No purchases yet')).toBeVisible();
    expect((await listPurchases(customer.id, 1, 10)).total).toBe(0);
    expect(await listLicenses(customer.id)).toEqual([]);
  });

  test('cancelling returns to /purchases with a note', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await startPurchase(page);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/purchases\?checkout=cancelled$/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(
      'Checkout was cancelled. Nothing was charged.',
    );
    await expect(page.getByRole('button', { name: BUY_BUTTON })).toBeVisible();
    expect((await listPurchases(customer.id, 1, 10)).total).toBe(0);
  });

  test('the purchase, its invoice and license show on every page, and only to their owner', async ({
    page,
    customer,
    openBrowser,
  }) => {
    // A purchase through hosted Checkout, then every page in two browsers: slow on 2 cores.
    test.slow();
    allowConsoleErrors(/status of 404 \(Not Found\) \(at \S+\/purchases\/[^/\s]+:1\)/);
    await signInFresh(page, customer);
    await startPurchase(page);
    await fillHostedCheckout(page, PAYING_CARD);
    await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible();
    const successUrl = page.url();
    const key = (await page.getByTestId('license-key').textContent()) ?? '';

    const [purchase] = (await listPurchases(customer.id, 1, 10)).items;
    if (!purchase) throw new Error('no purchase recorded');
    // The invoice is linked by fulfilment (from the session's expanded invoice).
    await expect.poll(async () => db.invoice.count({ where: { purchaseId: purchase.id } })).toBe(1);
    const invoice = await db.invoice.findUniqueOrThrow({ where: { purchaseId: purchase.id } });
    const invoiceName = invoice.number ?? invoice.id;

    // /purchases: the history row.
    await page.goto('/purchases');
    const row = page.getByRole('row', { name: /Base Software License/ });
    await expect(row).toContainText(purchaseId(purchase.id));
    await expect(row).toContainText('Completed');
    await expect(row).toContainText('$359.00');

    // The receipt.
    await row.getByRole('link', { name: 'Base Software License' }).click();
    await expect(page).toHaveURL(new RegExp(`/purchases/${purchaseId(purchase.id)}$`));
    await expect(
      page.getByRole('heading', { name: `Receipt ${purchaseId(purchase.id)}` }),
    ).toBeVisible();
    await expect(page.getByRole('row', { name: /Base Software License/ })).toContainText('$359.00');
    await expect(page.getByRole('row', { name: /Total paid/ })).toContainText('$359.00');
    await expect(page.getByTestId('license-key')).toHaveText(key);
    const invoiceCard = page.getByRole('region', { name: 'Invoice' });
    await expect(invoiceCard).toContainText(invoiceName);
    await expect(invoiceCard).toContainText('Paid');
    const hosted = invoiceCard.getByRole('link', { name: /View invoice/ });
    await expect(hosted).toHaveAttribute('href', invoice.hostedInvoiceUrl ?? 'missing');
    await expect(invoiceCard.getByRole('link', { name: /Download PDF/ })).toHaveAttribute(
      'href',
      invoice.pdfUrl ?? 'missing',
    );
    // The hosted invoice answers (it is Stripe's page, here the emulator's).
    const hostedPage = await page.request.get(invoice.hostedInvoiceUrl ?? '');
    expect(hostedPage.status()).toBe(200);

    // /billing: the invoice list.
    await page.goto('/billing');
    const invoiceRow = page.getByRole('row', { name: new RegExp(invoiceName) });
    await expect(invoiceRow).toContainText('$359.00');
    await expect(invoiceRow).toContainText('Paid');
    await expect(invoiceRow.getByRole('link', { name: /View invoice/ })).toBeVisible();
    await expect(invoiceRow.getByRole('link', { name: /Download PDF/ })).toBeVisible();

    // /licenses: the key, its status and a working copy button.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/licenses');
    const license = page.getByRole('listitem', { name: 'Sense Base 2.x license' });
    await expect(license.getByTestId('license-key')).toHaveText(key);
    await expect(license).toContainText('Active');
    const copy = license.getByRole('button', { name: `Copy license key ${key}` });
    await copy.click();
    await expect(copy).toHaveText('Copied');
    await expect(license.getByRole('status')).toHaveText('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    // Another customer gets a real 404 for the receipt and the success page.
    const other = await createTestUser();
    const stranger = await openBrowser();
    await signInFresh(stranger, other);
    const receipt = await stranger.goto(`/purchases/${purchaseId(purchase.id)}`);
    expect(receipt?.status()).toBe(404);
    await expect(stranger.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect(await stranger.content()).not.toContain(key);
    const success = await stranger.goto(successUrl);
    expect(success?.status()).toBe(404);
    expect(await stranger.content()).not.toContain(key);
    for (const bad of ['purchase_abc', '12', 'purchase_0', 'license_1']) {
      expect((await page.goto(`/purchases/${bad}`))?.status(), bad).toBe(404);
    }
    expect((await page.goto('/purchases/success?session_id=cs_unknown_session'))?.status()).toBe(
      404,
    );
    expect((await page.goto('/purchases/success'))?.status()).toBe(404);
  });
});
