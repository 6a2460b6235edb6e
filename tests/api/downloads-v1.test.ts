/**
 * Signed downloads over HTTP: who gets a link (an active license covering the major version),
 * what the link is bound to (release, platform, customer, expiry: change any and it is 403),
 * HEAD and Range on the file route, a refund through Stripe that stops a link already handed out,
 * and Stripe's webhook refusing unsigned or badly signed deliveries.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { signGrant } from '@/lib/downloads/signing';
import { EMULATOR_SECRET_KEY } from '@/lib/env';
import { disconnectAfterAll } from '../support/db';
import { BASE_URL, client } from '../support/http';
import {
  buy,
  grantLicense,
  type DownloadData,
  type DownloadLinkData,
  type LicenseData,
  type PurchaseData,
} from '../support/payments';
import { randomIp } from '../support/users';
import {
  expectStatus,
  expectV1Error,
  explain,
  signedIn,
  type ApiClient,
  type V1Success,
} from '../support/v1';

/** The file route, fetched as a download client would (bytes, not text), from its own address. */
function fetchFile(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-forwarded-for', randomIp());
  return fetch(url, { ...init, headers, redirect: 'manual' });
}

async function mint(
  api: ApiClient,
  token: string,
  release = 'software_v2',
  platform?: string,
): Promise<DownloadLinkData> {
  const query = platform ? `?platform=${platform}` : '';
  const res = await api<V1Success<DownloadLinkData>>(`/api/v1/downloads/${release}/url${query}`, {
    token,
  });
  expectStatus(res, 200);
  return res.json.data;
}

function signingSecret(): string {
  const secret = process.env.DOWNLOAD_SIGNING_SECRET;
  if (!secret)
    throw new Error('DOWNLOAD_SIGNING_SECRET is not set: run the api suite via npm test');
  return secret;
}

/** A link signed by the test with the server's secret, for expiries the server would not mint. */
function selfSigned(
  userId: number,
  expires: number,
  release = 'software_v2',
  platform = 'windows-x64',
) {
  const signature = signGrant({ releaseId: release, platform, userId, expires }, signingSecret());
  const query = new URLSearchParams({
    customer: String(userId),
    expires: String(expires),
    signature,
  });
  return `${BASE_URL}/api/files/${release}/${platform}?${query}`;
}

async function expectForbiddenFile(url: string, what: string): Promise<string> {
  const res = await fetchFile(url);
  const text = await res.text();
  expect(res.status, `${what}: ${text.slice(0, 200)}`).toBe(403);
  const body = JSON.parse(text) as { success: boolean; code: string; message: string };
  expect(body).toMatchObject({ success: false, code: 'FORBIDDEN' });
  return body.message;
}

let holder: { api: ApiClient; token: string; userId: number };
let other: { api: ApiClient; token: string; userId: number };
let link: DownloadLinkData;
let full: Buffer;

beforeAll(async () => {
  [holder, other] = await Promise.all([signedIn(), signedIn()]);
  // Both hold 1.x and 2.x licenses, so a 403 below is the signature's doing, never the license's.
  await Promise.all([
    grantLicense(holder.userId, 1),
    grantLicense(holder.userId, 2),
    grantLicense(other.userId, 1),
    grantLicense(other.userId, 2),
  ]);
  link = await mint(holder.api, holder.token, 'software_v2', 'windows-x64');
  const res = await fetchFile(link.url);
  expect(res.status).toBe(200);
  full = Buffer.from(await res.arrayBuffer());
});

disconnectAfterAll();

describe('signed download links', () => {
  it('serve the file with its checksum to the holder of an unaltered link', () => {
    expect(full.length).toBe(link.size);
    expect(createHash('sha256').update(full).digest('hex')).toBe(link.sha256);
  });

  it('refuse a link altered to another release, platform, customer, expiry or signature', async () => {
    const original = new URL(link.url);
    const altered = (change: (u: URL) => void) => {
      const u = new URL(original);
      change(u);
      return u.toString();
    };
    const cases: Array<[string, string]> = [
      ['release', altered((u) => (u.pathname = u.pathname.replace('software_v2', 'software_v1')))],
      ['platform', altered((u) => (u.pathname = u.pathname.replace('windows-x64', 'linux-x64')))],
      ['customer', altered((u) => u.searchParams.set('customer', String(other.userId)))],
      [
        'expiry',
        altered((u) =>
          u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600)),
        ),
      ],
      [
        'signature',
        altered((u) => {
          const s = u.searchParams.get('signature') ?? '';
          u.searchParams.set('signature', `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`);
        }),
      ],
      ['no signature', altered((u) => u.searchParams.delete('signature'))],
      ['no customer', altered((u) => u.searchParams.delete('customer'))],
    ];
    for (const [what, url] of cases) await expectForbiddenFile(url, what);
    // The unaltered link still works: the 403s were about the alterations.
    expect((await fetchFile(link.url, { method: 'HEAD' })).status).toBe(200);
  });

  it("refuse an expired link even when it is correctly signed with the server's secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    const fresh = await fetchFile(selfSigned(holder.userId, now + 120));
    expect(fresh.status).toBe(200);
    await fresh.arrayBuffer();
    const message = await expectForbiddenFile(selfSigned(holder.userId, now - 5), 'expired');
    expect(message).toMatch(/expired/i);
  });

  it('answer HEAD with the headers and no body', async () => {
    const res = await fetchFile(link.url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    // Next drops Content-Length from route handlers; the portal's server restores it.
    expect(res.headers.get('content-length')).toBe(String(link.size));
    expect(res.headers.get('x-portal-declared-length')).toBeNull();
    expect(res.headers.get('x-checksum-sha256')).toBe(link.sha256);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('answer a Range with 206 and exactly those bytes, and an impossible one with 416', async () => {
    const res = await fetchFile(link.url, { headers: { range: 'bytes=0-99' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${link.size}`);
    expect(res.headers.get('content-length')).toBe('100');
    const part = Buffer.from(await res.arrayBuffer());
    expect(part.equals(full.subarray(0, 100))).toBe(true);

    const tail = await fetchFile(link.url, { headers: { range: `bytes=${link.size - 10}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(full.subarray(link.size - 10))).toBe(true);

    const beyond = await fetchFile(link.url, { headers: { range: 'bytes=999999999-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${link.size}`);
    await beyond.arrayBuffer();
  });
});

describe('who may have a link', () => {
  it('answers 403 LICENSE_REQUIRED to a customer without a license, and says why in the list', async () => {
    const { api, token } = await signedIn();
    expectV1Error(
      await api('/api/v1/downloads/software_v2/url', { token }),
      403,
      'LICENSE_REQUIRED',
    );
    const list = await api<V1Success<DownloadData[]>>('/api/v1/downloads', { token });
    expectStatus(list, 200);
    expect(list.json.data.length).toBeGreaterThanOrEqual(2);
    for (const release of list.json.data) {
      expect(release.canDownload).toBe(false);
      expect(release.reason).toEqual(expect.any(String));
    }
  });

  it('gives a 1.x license 1.x links only (version-based access)', async () => {
    const { api, token, userId } = await signedIn();
    await grantLicense(userId, 1);
    expectV1Error(
      await api('/api/v1/downloads/software_v2/url', { token }),
      403,
      'LICENSE_REQUIRED',
    );
    const v1 = await mint(api, token, 'software_v1', 'linux-x64');
    expect(v1).toMatchObject({ releaseId: 'software_v1', platform: 'linux-x64' });
    const res = await fetchFile(v1.url, { method: 'HEAD' });
    expect(res.status).toBe(200);
  });

  it('answers 404 for a release or platform build that does not exist', async () => {
    expectV1Error(
      await holder.api('/api/v1/downloads/software_v99/url', { token: holder.token }),
      404,
      'NOT_FOUND',
    );
    expectV1Error(
      await holder.api('/api/v1/downloads/software_v2/url?platform=macos-arm64', {
        token: holder.token,
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('stops a link already handed out once Stripe refunds the purchase', async () => {
    const { api, token } = await signedIn();
    const { sessionId, purchase } = await buy(api, token);
    const handedOut = await mint(api, token);
    expect((await fetchFile(handedOut.url, { method: 'HEAD' })).status).toBe(200);

    // The refund is made in Stripe (the emulator), which tells the portal by webhook.
    const apiUrl = new URL(process.env.STRIPE_API_URL ?? '');
    const stripe = new Stripe(EMULATOR_SECRET_KEY, {
      host: apiUrl.hostname,
      port: Number(apiUrl.port),
      protocol: 'http',
      apiVersion: Stripe.API_VERSION,
      maxNetworkRetries: 0,
    });
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    const paymentIntent =
      typeof session.payment_intent === 'string' ? session.payment_intent : undefined;
    expect(paymentIntent).toMatch(/^pi_/);
    await stripe.refunds.create({ payment_intent: paymentIntent });

    const deadline = Date.now() + 15_000;
    let license: LicenseData | undefined;
    while (Date.now() < deadline) {
      const res = await api<V1Success<LicenseData[]>>('/api/v1/licenses', { token });
      license = res.json.data[0];
      if (license?.status === 'suspended') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(license?.status).toBe('suspended');
    const after = await api<V1Success<PurchaseData>>(`/api/v1/purchases/${purchase.id}`, {
      token,
    });
    expect(after.json.data.status).toBe('refunded');
    await expectForbiddenFile(handedOut.url, 'after the refund');
    expectV1Error(
      await api('/api/v1/downloads/software_v2/url', { token }),
      403,
      'LICENSE_REQUIRED',
    );
    const list = await api<V1Success<DownloadData[]>>('/api/v1/downloads', { token });
    const v2 = list.json.data.find((d) => d.id === 'software_v2');
    expect(v2?.canDownload, explain(list)).toBe(false);
    expect(v2?.reason).toMatch(/suspended/i);
  });
});

describe("Stripe's webhook over HTTP", () => {
  const webhook = (body: string, signature?: string) =>
    client()('/api/webhooks/stripe', {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'stripe-signature': signature } : {}),
      },
    });
  const event = (id: string) =>
    JSON.stringify({
      id,
      object: 'event',
      type: 'customer.created',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { id: 'cus_test', object: 'customer' } },
    });
  const sign = (body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) =>
    `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

  it('answers 400 in the error shape without a signature or with a bad one', async () => {
    const body = event(`evt_test_${randomBytes(8).toString('hex')}`);
    expectV1Error(await webhook(body), 400, 'WEBHOOK_SIGNATURE_INVALID');
    expectV1Error(await webhook(body, 't=1,v1=abc'), 400, 'WEBHOOK_SIGNATURE_INVALID');
    expectV1Error(
      await webhook(body, sign(body, `whsec_${randomBytes(16).toString('hex')}`)),
      400,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expectV1Error(await webhook('{', 'garbage'), 400, 'WEBHOOK_SIGNATURE_INVALID');
  });

  it('accepts a delivery signed with the webhook secret, but not one older than 300 s', async () => {
    const secret = process.env.STRIPE_WEBHOOK_SECRET;
    if (!secret)
      throw new Error('STRIPE_WEBHOOK_SECRET is not set: run the api suite via npm test');
    const body = event(`evt_test_${randomBytes(8).toString('hex')}`);
    const stale = await webhook(body, sign(body, secret, Math.floor(Date.now() / 1000) - 301));
    expectV1Error(stale, 400, 'WEBHOOK_SIGNATURE_INVALID');
    const ok = await webhook(body, sign(body, secret));
    expectStatus(ok, 200);
    expect(ok.json).toEqual({ received: true, result: 'ignored' });
  });

  it('takes a large signed event (Stripe sends up to hundreds of KB), but not an unbounded one', async () => {
    const secret = process.env.STRIPE_WEBHOOK_SECRET ?? '';
    const large = JSON.stringify({
      ...(JSON.parse(event(`evt_test_${randomBytes(8).toString('hex')}`)) as object),
      padding: 'x'.repeat(300 * 1024),
    });
    const ok = await webhook(large, sign(large, secret));
    expectStatus(ok, 200);
    expect(ok.json).toEqual({ received: true, result: 'ignored' });
    const huge = `{"padding":"${'x'.repeat(3 * 1024 * 1024)}"}`;
    expectV1Error(await webhook(huge, sign(huge, secret)), 413, 'PAYLOAD_TOO_LARGE');
  });
});
