import { expect } from 'vitest';
import type { z } from 'zod';
import type { downloadLinkSchema, downloadSchema } from '@/lib/api/v1/downloads';
import type {
  checkoutSessionSchema,
  invoiceSchema,
  licenseSchema,
  paymentMethodSchema,
  purchaseSchema,
} from '@/lib/api/v1/payments';
import { submitHostedPage, type CardForm } from '@/tools/stripe-emulator/test-cards';
import type { ApiClient } from './v1';
import { grantLicense as grantPurchasedLicense } from './licenses';
import { explain, type V1Success } from './v1';

/**
 * Buying and saving cards over HTTP for the API tests: the portal's /api/v1 endpoints, and the
 * Stripe emulator's hosted page posted as a browser posts it (the test servers talk to the
 * emulator `npm test` starts; its webhooks go to the main server).
 */
export { DECLINED_CARD } from '@/tools/stripe-emulator/test-cards';

/** The answers' shapes, as the API reference publishes them (lib/api/v1/payments.ts). */
export type CheckoutSessionData = z.infer<typeof checkoutSessionSchema>;
export type LicenseData = z.infer<typeof licenseSchema>;
export type InvoiceData = z.infer<typeof invoiceSchema>;
export type PurchaseData = z.infer<typeof purchaseSchema>;
export type PaymentMethodData = z.infer<typeof paymentMethodSchema>;

export type SuccessData =
  | { status: 'completed'; purchase: PurchaseData; license: LicenseData | null }
  | { status: 'pending'; paymentStatus: string; sessionStatus: string };

/** A release as GET /api/v1/downloads lists it: the schema the API reference publishes. */
export type DownloadData = z.infer<typeof downloadSchema>;

/** A signed link as GET /api/v1/downloads/{id}/url answers it. */
export type DownloadLinkData = z.infer<typeof downloadLinkSchema>;

/** Posts the emulator's hosted form (no redirect following): 303 paid or saved, 402 declined. */
export function payOnHostedPage(url: string, card?: CardForm): Promise<Response> {
  return submitHostedPage(url, card);
}

export async function createSession(
  api: ApiClient,
  token: string,
  body: unknown = { items: [{ productType: 'base_product' }] },
): Promise<CheckoutSessionData> {
  const res = await api<V1Success<CheckoutSessionData>>('/api/v1/checkout/create-session', {
    token,
    json: body,
  });
  expect(res.status, explain(res)).toBe(201);
  return res.json.data;
}

export function checkoutSuccess(api: ApiClient, token: string, sessionId: string) {
  return api<V1Success<SuccessData>>('/api/v1/checkout/success', {
    token,
    json: { sessionId },
  });
}

/** A $359 purchase through the portal and the emulator (two checkout requests of the 10/min). */
export async function buy(
  api: ApiClient,
  token: string,
): Promise<{ sessionId: string; purchase: PurchaseData; license: LicenseData }> {
  const session = await createSession(api, token);
  expect((await payOnHostedPage(session.url)).status).toBe(303);
  const res = await checkoutSuccess(api, token, session.sessionId);
  expect(res.status, explain(res)).toBe(200);
  const data = res.json.data;
  if (data.status !== 'completed' || !data.license) throw new Error(`not fulfilled: ${res.text}`);
  return { sessionId: session.sessionId, purchase: data.purchase, license: data.license };
}

/** Saves a card through a setup-mode session and the hosted form; returns its `pm_` id. */
export async function addCard(api: ApiClient, token: string): Promise<string> {
  const before = await listCards(api, token);
  const res = await api<V1Success<CheckoutSessionData>>('/api/v1/billing/payment-methods', {
    token,
    method: 'POST',
  });
  expect(res.status, explain(res)).toBe(201);
  expect((await payOnHostedPage(res.json.data.url)).status).toBe(303);
  const after = await listCards(api, token);
  const added = after.filter((pm) => !before.some((b) => b.id === pm.id));
  expect(added).toHaveLength(1);
  return added[0]?.id ?? '';
}

export async function listCards(api: ApiClient, token: string): Promise<PaymentMethodData[]> {
  const res = await api<V1Success<PaymentMethodData[]>>('/api/v1/billing/payment-methods', {
    token,
  });
  expect(res.status, explain(res)).toBe(200);
  return res.json.data;
}

/** A license written straight to the database (see ./licenses); the purchase's and license's ids. */
export async function grantLicense(
  userId: number,
  majorVersion: number,
): Promise<{ purchaseId: number; licenseId: number }> {
  const purchase = await grantPurchasedLicense(userId, { majorVersion });
  return { purchaseId: purchase.id, licenseId: purchase.license?.id ?? 0 };
}
