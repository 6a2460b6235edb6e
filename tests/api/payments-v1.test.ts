/**
 * Document 2's purchasing flow over HTTP against the built app and the Stripe emulator: the
 * create-session body exactly as the document's curl sends it, the hosted page, the success
 * callback, then purchases, licenses, invoices and cards in document 2's shapes; exactly-once
 * fulfilment under concurrent callbacks; the checkout limit; and bad input.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { LICENSE_KEY_PATTERN } from '@/lib/licenses/keys';
import { disconnectAfterAll } from '../support/db';
import { atOnce } from '../support/parallel';
import {
  addCard,
  checkoutSuccess,
  createSession,
  DECLINED_CARD,
  type DownloadData,
  type DownloadLinkData,
  payOnHostedPage,
  type CheckoutSessionData,
  type InvoiceData,
  type LicenseData,
  type PaymentMethodData,
  type PurchaseData,
  type SuccessData,
} from '../support/payments';
import {
  expectStatus,
  expectV1Error,
  explain,
  ISO_SECONDS,
  signedIn,
  type V1Success,
} from '../support/v1';

disconnectAfterAll();

interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
  total_pages: number;
}

function expectLicenseShape(license: LicenseData, purchaseId: string): void {
  expect(license).toEqual({
    id: expect.stringMatching(/^license_[1-9][0-9]*$/),
    key: expect.stringMatching(LICENSE_KEY_PATTERN),
    productType: 'base_product',
    status: 'active',
    expiresAt: null,
    majorVersion: 2,
    createdAt: expect.stringMatching(ISO_SECONDS),
    purchaseId,
  });
}

function expectInvoiceShape(invoice: InvoiceData, purchaseId: string): void {
  expect(invoice).toEqual({
    id: expect.stringMatching(/^in_/),
    number: expect.any(String),
    amount: 35_900,
    currency: 'usd',
    status: 'paid',
    createdAt: expect.stringMatching(ISO_SECONDS),
    hostedInvoiceUrl: expect.stringMatching(/^https?:\/\//),
    pdfUrl: expect.stringMatching(/^https?:\/\//),
    purchaseId,
  });
}

/** Document 2's Purchase, field by field, plus the embedded license and invoice. */
function expectPurchaseShape(purchase: PurchaseData): void {
  expect(Object.keys(purchase).sort()).toEqual([
    'amount',
    'createdAt',
    'currency',
    'id',
    'invoice',
    'items',
    'license',
    'status',
  ]);
  expect(purchase.id).toMatch(/^purchase_[1-9][0-9]*$/);
  expect(purchase.amount).toBe(35_900);
  expect(purchase.currency).toBe('usd');
  expect(purchase.status).toBe('completed');
  expect(purchase.items).toEqual([
    {
      productType: 'base_product',
      description: 'Base Software License',
      amount: 35_900,
      quantity: 1,
    },
  ]);
  expect(purchase.createdAt).toMatch(ISO_SECONDS);
  expect(Math.abs(Date.parse(purchase.createdAt) - Date.now())).toBeLessThan(5 * 60_000);
  if (!purchase.license) throw new Error('purchase without license');
  expectLicenseShape(purchase.license, purchase.id);
  if (!purchase.invoice) throw new Error('purchase without invoice');
  expectInvoiceShape(purchase.invoice, purchase.id);
}

describe("document 2's purchase, replayed over HTTP", () => {
  it('creates a session from the documented body, pays on the hosted page and completes', async () => {
    const { api, token } = await signedIn();

    // 1. Create checkout session: the body exactly as the curl example sends it (no Content-Type).
    const created = await api<V1Success<CheckoutSessionData>>('/api/v1/checkout/create-session', {
      method: 'POST',
      token,
      body: `{
    "items": [{"productType": "base_product"}],
    "successUrl": "https://yoursite.com/success",
    "cancelUrl": "https://yoursite.com/cancel"
  }`,
    });
    expectStatus(created, 201);
    expect(created.json.success).toBe(true);
    expect(typeof created.json.message).toBe('string');
    const session = created.json.data;
    expect(Object.keys(session).sort()).toEqual(['expiresAt', 'sessionId', 'url']);
    expect(session.sessionId).toMatch(/^cs_[A-Za-z0-9_]+$/);
    expect(session.url).toMatch(/^https?:\/\//);
    expect(session.expiresAt).toMatch(ISO_SECONDS);
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());

    // 2. Redirect the user to Stripe Checkout: the hosted page asks for $359.00.
    const page = await fetch(session.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('$359.00');
    const paid = await payOnHostedPage(session.url);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(
      `https://yoursite.com/success?session_id=${session.sessionId}`,
    );

    // 3. Handle success callback: `{"sessionId": "cs_xxx"}`, again without a Content-Type.
    const success = await api<V1Success<SuccessData>>('/api/v1/checkout/success', {
      method: 'POST',
      token,
      body: JSON.stringify({ sessionId: session.sessionId }),
    });
    expectStatus(success, 200);
    const data = success.json.data;
    if (data.status !== 'completed') throw new Error(explain(success));
    expect(Object.keys(data).sort()).toEqual(['license', 'purchase', 'status']);
    expectPurchaseShape(data.purchase);
    expect(data.license).toEqual(data.purchase.license);

    // The purchase, license, invoice and card now appear in their lists, in the same shapes.
    const purchases = await api<V1Success<Page<PurchaseData>>>('/api/v1/purchases', { token });
    expectStatus(purchases, 200);
    expect(purchases.json.data).toEqual({
      items: [data.purchase],
      page: 1,
      page_size: 20,
      total: 1,
      total_pages: 1,
    });
    const one = await api<V1Success<PurchaseData>>(`/api/v1/purchases/${data.purchase.id}`, {
      token,
    });
    expectStatus(one, 200);
    expect(one.json.data).toEqual(data.purchase);

    const licenses = await api<V1Success<LicenseData[]>>('/api/v1/licenses', { token });
    expectStatus(licenses, 200);
    expect(licenses.json.data).toEqual([data.license]);

    const invoices = await api<V1Success<Page<InvoiceData>>>(
      '/api/v1/billing/invoices?page=1&page_size=5',
      { token },
    );
    expectStatus(invoices, 200);
    expect(invoices.json.data).toMatchObject({ page: 1, page_size: 5, total: 1, total_pages: 1 });
    expect(invoices.json.data.items).toEqual([data.purchase.invoice]);

    // The card that paid is not saved (no setup_future_usage, as on Stripe); one saved through
    // the setup-mode flow is.
    const noCards = await api<V1Success<PaymentMethodData[]>>('/api/v1/billing/payment-methods', {
      token,
    });
    expectStatus(noCards, 200);
    expect(noCards.json.data).toEqual([]);
    const savedId = await addCard(api, token);
    const cards = await api<V1Success<PaymentMethodData[]>>('/api/v1/billing/payment-methods', {
      token,
    });
    expectStatus(cards, 200);
    expect(cards.json.data).toHaveLength(1);
    const card = cards.json.data[0];
    expect(card?.id).toBe(savedId);
    expect(Object.keys(card ?? {}).sort()).toEqual([
      'brand',
      'createdAt',
      'expMonth',
      'expYear',
      'id',
      'isDefault',
      'last4',
    ]);
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 });
    expect(card?.id).toMatch(/^pm_/);
    expect(card?.createdAt).toMatch(ISO_SECONDS);

    // Getting download access: list, signed URL, bytes.
    const downloads = await api<V1Success<DownloadData[]>>('/api/v1/downloads', { token });
    expectStatus(downloads, 200);
    const v2 = downloads.json.data.find((d) => d.id === 'software_v2');
    const v1 = downloads.json.data.find((d) => d.id === 'software_v1');
    if (!v2 || !v1) throw new Error(`releases missing: ${explain(downloads)}`);
    expect(Object.keys(v2).sort()).toEqual([
      'canDownload',
      'files',
      'id',
      'majorVersion',
      'notes',
      'productType',
      'reason',
      'releasedAt',
      'version',
    ]);
    expect(v2).toMatchObject({
      productType: 'base_product',
      version: '2.0.0',
      majorVersion: 2,
      canDownload: true,
      reason: null,
    });
    expect(v2.releasedAt).toMatch(ISO_SECONDS);
    expect(v2.files.map((f) => f.platform)).toEqual(['windows-x64', 'linux-x64']);
    for (const f of v2.files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.size).toBeGreaterThan(0);
      expect(f.filename).toMatch(/^sense-base-2\.0\.0-/);
    }
    // Version-based access: a 2.x license does not open 1.x.
    expect(v1.canDownload).toBe(false);
    expect(v1.reason).toEqual(expect.any(String));

    const link = await api<V1Success<DownloadLinkData>>('/api/v1/downloads/software_v2/url', {
      token,
    });
    expectStatus(link, 200);
    const file = v2.files[0];
    expect(link.json.data).toMatchObject({
      releaseId: 'software_v2',
      version: '2.0.0',
      platform: 'windows-x64',
      filename: file?.filename,
      size: file?.size,
      sha256: file?.sha256,
    });
    expect(link.json.data.expiresAt).toMatch(ISO_SECONDS);
    const ttl = Date.parse(link.json.data.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000 + 1000);

    const download = await fetch(link.json.data.url);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(bytes.length).toBe(file?.size);
    expect(digest).toBe(file?.sha256);
    expect(download.headers.get('x-checksum-sha256')).toBe(digest);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${file?.filename}"`,
    );
  });

  it('answers 202 pending while the session is unpaid, and records nothing for a declined card', async () => {
    const { api, token } = await signedIn();
    const session = await createSession(api, token);
    const before = await checkoutSuccess(api, token, session.sessionId);
    expectStatus(before, 202);
    expect(before.json.data).toEqual({
      status: 'pending',
      paymentStatus: 'unpaid',
      sessionStatus: 'open',
    });
    expect((await payOnHostedPage(session.url, DECLINED_CARD)).status).toBe(402);
    const after = await checkoutSuccess(api, token, session.sessionId);
    expectStatus(after, 202);
    const purchases = await api<V1Success<Page<PurchaseData>>>('/api/v1/purchases', { token });
    expect(purchases.json.data.total).toBe(0);
    const licenses = await api<V1Success<LicenseData[]>>('/api/v1/licenses', { token });
    expect(licenses.json.data).toEqual([]);
  });

  it('records one purchase and one license when success is called five times at once', async () => {
    const { api, token, userId } = await signedIn();
    const session = await createSession(api, token);
    expect((await payOnHostedPage(session.url)).status).toBe(303);
    const answers = await atOnce(5, () => checkoutSuccess(api, token, session.sessionId));
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const res of answers) {
      expectStatus(res, 200);
      const data = res.json.data;
      if (data.status !== 'completed') throw new Error(explain(res));
      ids.add(data.purchase.id);
      keys.add(data.license?.key ?? '');
    }
    expect(ids.size).toBe(1);
    expect(keys.size).toBe(1);
    const purchases = await api<V1Success<Page<PurchaseData>>>('/api/v1/purchases', { token });
    expect(purchases.json.data.total).toBe(1);
    const licenses = await api<V1Success<LicenseData[]>>('/api/v1/licenses', { token });
    expect(licenses.json.data).toHaveLength(1);
    // The webhook the emulator sent meanwhile added nothing either.
    expect(await db.purchase.count({ where: { userId } })).toBe(1);
    expect(await db.license.count({ where: { userId } })).toBe(1);
  });
});

describe('checkout limit', () => {
  it('answers the 11th checkout request of a minute with 429 and Retry-After, for that customer only', async () => {
    const { api, token } = await signedIn();
    for (let i = 0; i < 5; i += 1) await createSession(api, token);
    for (let i = 0; i < 5; i += 1) {
      const res = await checkoutSuccess(api, token, `cs_test_unknown${i}`);
      expectV1Error(res, 404, 'NOT_FOUND');
    }
    const limited = await api('/api/v1/checkout/create-session', {
      token,
      json: { items: [{ productType: 'base_product' }] },
    });
    expectV1Error(limited, 429, 'RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectV1Error(await checkoutSuccess(api, token, 'cs_test_unknown'), 429, 'RATE_LIMITED');

    // Other endpoints, and other customers, are not held back.
    expectStatus(await api('/api/v1/purchases', { token }), 200);
    const other = await signedIn();
    await createSession(other.api, other.token);
  });
});

describe('bad input', () => {
  it('ignores amounts and prices sent by the client: the session and purchase are $359', async () => {
    const { api, token } = await signedIn();
    const session = await createSession(api, token, {
      items: [{ productType: 'base_product', amount: 1, price: 1, quantity: 50 }],
      amount: 1,
      price: 1,
      currency: 'jpy',
      unit_amount: 1,
    });
    const page = await fetch(session.url);
    expect(await page.text()).toContain('Pay $359.00');
    expect((await payOnHostedPage(session.url)).status).toBe(303);
    const res = await checkoutSuccess(api, token, session.sessionId);
    expectStatus(res, 200);
    const data = res.json.data;
    if (data.status !== 'completed') throw new Error(explain(res));
    expectPurchaseShape(data.purchase);
  });

  it('refuses success and cancel URLs outside the allowed origins', async () => {
    const { api, token } = await signedIn();
    const item = { items: [{ productType: 'base_product' }] };
    const refused = [
      { successUrl: 'https://evil.example/success' },
      { cancelUrl: 'https://evil.example/cancel' },
      { successUrl: 'https://yoursite.com.evil.example/success' },
      { successUrl: 'javascript:alert(1)' },
      { successUrl: '//evil.example/success' },
      { cancelUrl: 'https://user:pass@yoursite.com/cancel' },
    ];
    for (const urls of refused) {
      const res = await api('/api/v1/checkout/create-session', {
        token,
        json: { ...item, ...urls },
      });
      expectV1Error(res, 400, 'URL_NOT_ALLOWED');
      // The allow-list (CHECKOUT_ALLOWED_ORIGINS is https://yoursite.com here) is never echoed.
      expect(res.text).not.toContain('yoursite.com');
    }
    const setup = await api('/api/v1/billing/payment-methods', {
      token,
      json: { successUrl: 'https://evil.example/card' },
    });
    expectV1Error(setup, 400, 'URL_NOT_ALLOWED');
    expect(setup.text).not.toContain('yoursite.com');
  });

  it('refuses items that are missing, empty, too many, repeated or unknown', async () => {
    const { api, token } = await signedIn();
    const bodies = [
      {},
      { items: [] },
      { items: Array.from({ length: 11 }, () => ({ productType: 'base_product' })) },
      { items: [{ productType: 'base_product' }, { productType: 'base_product' }] },
      { items: [{ productType: 'premium_product' }] },
      { items: [{}] },
      { items: [{ productType: 'base_product' }], successUrl: 'x'.repeat(2049) },
    ];
    for (const json of bodies) {
      const res = await api('/api/v1/checkout/create-session', { token, json });
      expectV1Error(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('answers 400 to malformed ids and session ids, 404 to unknown ones', async () => {
    const { api, token } = await signedIn();
    for (const path of [
      '/api/v1/purchases/purchase_abc',
      '/api/v1/purchases/abc',
      '/api/v1/purchases/1',
      '/api/v1/purchases/purchase_0',
      '/api/v1/purchases/license_1',
      '/api/v1/purchases/purchase_99999999999',
      '/api/v1/downloads/software_x/url',
      '/api/v1/downloads/software_v2/url?platform=solaris',
      '/api/v1/downloads/software_v2/url?unknown=1',
      '/api/v1/purchases?page=0',
      '/api/v1/billing/invoices?page_size=101',
    ]) {
      expectV1Error(await api(path, { token }), 400, 'VALIDATION_FAILED');
    }
    for (const id of ['pm_!', 'abc', 'pm_']) {
      const res = await api(`/api/v1/billing/payment-methods/${encodeURIComponent(id)}`, {
        token,
        method: 'DELETE',
      });
      expectV1Error(res, 400, 'VALIDATION_FAILED');
    }
    expectV1Error(await api('/api/v1/purchases/purchase_2147483000', { token }), 404, 'NOT_FOUND');
    expectV1Error(
      await api('/api/v1/billing/payment-methods/pm_doesnotexist', { token, method: 'DELETE' }),
      404,
      'NOT_FOUND',
    );
    for (const sessionId of ['abc', 'cs_', 'cs_bad-id!', `cs_${'a'.repeat(300)}`]) {
      expectV1Error(await checkoutSuccess(api, token, sessionId), 400, 'VALIDATION_FAILED');
    }
    expectV1Error(await checkoutSuccess(api, token, 'cs_test_nosuchsession'), 404, 'NOT_FOUND');
  });

  it("answers 404 to another customer's session id, which stays the owner's", async () => {
    const owner = await signedIn();
    const stranger = await signedIn();
    const session = await createSession(owner.api, owner.token);
    expect((await payOnHostedPage(session.url)).status).toBe(303);
    const theirs = await checkoutSuccess(stranger.api, stranger.token, session.sessionId);
    expectV1Error(theirs, 404, 'NOT_FOUND');
    const strangerPurchases = await stranger.api<V1Success<Page<PurchaseData>>>(
      '/api/v1/purchases',
      { token: stranger.token },
    );
    expect(strangerPurchases.json.data.total).toBe(0);
    const mine = await checkoutSuccess(owner.api, owner.token, session.sessionId);
    expectStatus(mine, 200);
    // A setup-mode session (a saved card) is not a purchase either.
    const setup = await owner.api<V1Success<CheckoutSessionData>>(
      '/api/v1/billing/payment-methods',
      { token: owner.token, method: 'POST' },
    );
    expectStatus(setup, 201);
    expectV1Error(
      await checkoutSuccess(owner.api, owner.token, setup.json.data.sessionId),
      404,
      'NOT_FOUND',
    );
  });
});
