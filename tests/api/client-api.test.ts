import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listActiveSessions, revokeSession, sessionHandle } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { DEMO_ACCOUNTS } from '@/prisma/demo-accounts';
import { recordSecret } from '../support/artifacts';
import { disconnectAfterAll } from '../support/db';
import { client, refusedLogins, type ApiResponse } from '../support/http';
import { createTestUser } from '../support/users';
import { ISO_SECONDS, expectNoStackTrace, jwtPart } from '../support/v1';

/**
 * Document 1 (shared/contracts/1-sense-security-client-api.md), replayed over HTTP exactly as
 * its examples show, against the seeded demo customer. The demo is used read-only (sign-ins
 * and its own sessions only); anything that changes an account uses a fresh customer.
 * Failure messages never print a token or a password: the leak scan reads the test log too.
 */
type ApiClient = ReturnType<typeof client>;

interface LoginBody {
  token: string;
  expires_at: string;
  force_password_change: boolean;
}

interface ClientError {
  error: string;
  code: string;
  request_id: string;
}

const DEMO = DEMO_ACCOUNTS.customer;
const ONE_HOUR = 3600;

const PREMIUM_FEATURES = ['24/7 Monitoring', 'Unlimited Cameras', 'Remote Access Support'];
const STANDARD_FEATURES = [
  '24/7 Monitoring',
  'Up to 16 Cameras',
  'SMS and Email Alerts',
  'Monthly Health Report',
];

disconnectAfterAll();

/** Status and body for failure messages, any token blanked out. */
function explain(res: ApiResponse<unknown>): string {
  const text = res.text.replace(/"(token|access_token|refresh_token)"\s*:\s*"[^"]*"/g, '"$1":"…"');
  return `HTTP ${res.status}: ${text.slice(0, 400)}`;
}

function expectStatus(res: ApiResponse<unknown>, status: number): void {
  expect(res.status, explain(res)).toBe(status);
}

/** Document 1's error shape, `{"error": "..."}`, with the stable code and the request id. */
function expectClientError(res: ApiResponse<unknown>, status: number, code?: string): ClientError {
  expectStatus(res, status);
  expect(res.headers.get('content-type') ?? '', explain(res)).toMatch(/^application\/json/);
  const body = res.json as ClientError;
  expect(Object.keys(body ?? {}).sort(), explain(res)).toEqual(['code', 'error', 'request_id']);
  expect(typeof body.error).toBe('string');
  expect(body.error.length).toBeGreaterThan(0);
  expect(body.code).toMatch(/^[A-Z_]+$/);
  if (code) expect(body.code, explain(res)).toBe(code);
  expect(res.headers.get('x-request-id')).toBe(body.request_id);
  expectNoStackTrace(res);
  return body;
}

function expectEmpty(res: ApiResponse<unknown>, status: number): void {
  expectStatus(res, status);
  expect(res.text).toBe('');
}

async function signIn(api: ApiClient, user: { email: string; password: string }) {
  const res = await api<LoginBody>('/client/auth/login', {
    json: { email: user.email, password: user.password },
  });
  expectStatus(res, 200);
  return res.json;
}

const demoLogin = (api: ApiClient) => signIn(api, DEMO);

function get<T = Record<string, unknown>>(api: ApiClient, path: string, token?: string) {
  return api<T>(path, { token });
}

/** GET `path` as the demo customer, signed in from a client of its own; expects 200. */
async function demoGet<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>> {
  const api = client();
  const { token } = await demoLogin(api);
  const res = await get<T>(api, path, token);
  expectStatus(res, 200);
  return res;
}

/** GET `path` as a fresh customer with nothing on file yet; expects 200. */
async function newCustomerGet<T = Record<string, unknown>>(path: string) {
  const user = await createTestUser();
  const api = client();
  const { token } = await signIn(api, user);
  const res = await get<T>(api, path, token);
  expectStatus(res, 200);
  return { user, res };
}

async function demoUserId(): Promise<number> {
  const user = await db.user.findUniqueOrThrow({
    where: { email: DEMO.email },
    select: { id: true },
  });
  return user.id;
}

function strongPassword(): string {
  const password = `New-Pass-${randomBytes(9).toString('base64url')}`;
  recordSecret('password', password);
  return password;
}

describe('POST /client/auth/login', () => {
  it('answers {token, expires_at} with a one-hour HS256 token, timestamps to the second', async () => {
    const api = client();
    const before = Date.now();
    const res = await api<LoginBody>('/client/auth/login', {
      json: { email: DEMO.email, password: DEMO.password },
    });
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.json).sort()).toEqual(['expires_at', 'force_password_change', 'token']);
    const { token, expires_at: expiresAt, force_password_change: mustChange } = res.json;
    expect(typeof token).toBe('string');
    expect(mustChange).toBe(false);

    // A JWT, as document 1's example token is.
    expect(token.split('.')).toHaveLength(3);
    expect(jwtPart(token, 0)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = jwtPart(token, 1);
    expect(claims.sub).toBe(String(await demoUserId()));
    expect(Number(claims.exp) - Number(claims.iat)).toBe(ONE_HOUR);

    // expires_at tells the truth: the token's own expiry, about an hour from now, no milliseconds.
    expect(expiresAt).toMatch(ISO_SECONDS);
    expect(Date.parse(expiresAt)).toBe(Number(claims.exp) * 1000);
    expect(Math.abs(Date.parse(expiresAt) - (before + ONE_HOUR * 1000))).toBeLessThanOrEqual(
      60_000,
    );

    // The token works on the documented endpoints.
    expectStatus(await get(api, '/client/profile', token), 200);
  });

  it('is a session in the customer’s session list, and dies when that session is revoked', async () => {
    const api = client();
    const { token, expires_at: expiresAt } = await demoLogin(api);
    const sid = String(jwtPart(token, 1).sid);
    const userId = await demoUserId();

    const row = await db.session.findUniqueOrThrow({
      where: { id: sid },
      select: { userId: true, surface: true, absoluteExpiresAt: true, revokedAt: true },
    });
    expect(row.userId).toBe(userId);
    expect(row.surface).toBe('CLIENT');
    expect(row.revokedAt).toBeNull();
    // The session lives as long as the token.
    expect(Math.abs(row.absoluteExpiresAt.getTime() - Date.parse(expiresAt))).toBeLessThanOrEqual(
      2000,
    );
    const listed = await listActiveSessions({ userId, currentSessionId: null });
    expect(listed.find((s) => s.handle === sessionHandle(sid))).toMatchObject({
      surface: 'CLIENT',
    });

    expectStatus(await get(api, '/client/dashboard', token), 200);
    await revokeSession(sid, 'revoked_by_user');
    expectClientError(await get(api, '/client/dashboard', token), 401, 'SESSION_REVOKED');
    expectClientError(await get(api, '/client/profile', token), 401);
  });

  it('answers 401 "Invalid email or password" for a wrong password and an unknown e-mail', async () => {
    const user = await createTestUser();
    const api = client();
    await signIn(api, user);
    const { wrong, unknown } = await refusedLogins(api, '/client/auth/login', user);
    const a = expectClientError(wrong, 401, 'INVALID_CREDENTIALS');
    const b = expectClientError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(a.error).toBe('Invalid email or password');
    expect(b.error).toBe('Invalid email or password');
  });

  it('answers 429 with Retry-After once an account is being guessed at', async () => {
    const user = await createTestUser();
    await signIn(client(), user);
    let limited: ApiResponse<unknown> | undefined;
    const statuses: number[] = [];
    // From one address: the burst window is per account and address (issue 7).
    const guesser = client();
    for (let i = 0; i < 15 && !limited; i += 1) {
      const res = await guesser('/client/auth/login', {
        json: { email: user.email, password: `wrong-${i}-password` },
      });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else expectClientError(res, 401, 'INVALID_CREDENTIALS');
    }
    expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
    if (limited) {
      expectClientError(limited, 429, 'RATE_LIMITED');
      expect(limited.headers.get('retry-after') ?? '').toMatch(/^[1-9]\d*$/);
    }
  });

  it('answers 400 for malformed JSON, missing fields and wrong types', async () => {
    const api = client();
    await demoLogin(api);
    const malformed = await api('/client/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expectClientError(malformed, 400, 'INVALID_JSON');
    expectClientError(await api('/client/auth/login', { json: {} }), 400, 'VALIDATION_FAILED');
    expectClientError(
      await api('/client/auth/login', { json: { email: DEMO.email } }),
      400,
      'VALIDATION_FAILED',
    );
    expectClientError(
      await api('/client/auth/login', { json: { password: 'whatever-password' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectClientError(
      await api('/client/auth/login', { json: { email: 12345, password: true } }),
      400,
      'VALIDATION_FAILED',
    );
    expectClientError(
      await api('/client/auth/login', { method: 'POST' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('POST /client/auth/logout', () => {
  it('answers an empty 200 and the token is refused at once', async () => {
    const api = client();
    const { token } = await demoLogin(api);
    expectStatus(await get(api, '/client/profile', token), 200);
    const res = await api('/client/auth/logout', { method: 'POST', token });
    expectEmpty(res, 200);
    expectClientError(await get(api, '/client/profile', token), 401, 'SESSION_REVOKED');
    expectClientError(await api('/client/auth/logout', { method: 'POST', token }), 401);
    const row = await db.session.findUniqueOrThrow({
      where: { id: String(jwtPart(token, 1).sid) },
      select: { revokedAt: true },
    });
    expect(row.revokedAt).not.toBeNull();
  });

  it('needs a bearer token', async () => {
    const api = client();
    const { token } = await demoLogin(api);
    expectStatus(await get(api, '/client/profile', token), 200);
    expectClientError(await api('/client/auth/logout', { method: 'POST' }), 401, 'UNAUTHENTICATED');
    expectClientError(
      await api('/client/auth/logout', {
        method: 'POST',
        headers: { authorization: 'Bearer x y' },
      }),
      401,
      'TOKEN_INVALID',
    );
    // Those failures did not end the real session.
    expectStatus(await get(api, '/client/profile', token), 200);
    expectEmpty(await api('/client/auth/logout', { method: 'POST', token }), 200);
  });
});

describe('POST /client/auth/change-password', () => {
  it('answers 204, keeps this token, ends the other sessions and swaps the passwords', async () => {
    const user = await createTestUser();
    const api = client();
    const { token } = await signIn(api, user);
    const other = await signIn(client(), user);
    expectStatus(await get(api, '/client/profile', other.token), 200);

    const newPassword = strongPassword();
    const res = await api('/client/auth/change-password', {
      token,
      json: { old_password: user.password, new_password: newPassword },
    });
    expectEmpty(res, 204);

    expectStatus(await get(api, '/client/profile', token), 200);
    expectClientError(await get(api, '/client/profile', other.token), 401, 'SESSION_REVOKED');
    const old = await client()('/client/auth/login', {
      json: { email: user.email, password: user.password },
    });
    expectClientError(old, 401, 'INVALID_CREDENTIALS');
    await signIn(client(), { email: user.email, password: newPassword });
  });

  it('answers 400 for a wrong old password and for weak new ones, saying why', async () => {
    const user = await createTestUser();
    const api = client();
    const { token } = await signIn(api, user);
    expectStatus(await get(api, '/client/profile', token), 200);
    const change = (json: unknown) => api('/client/auth/change-password', { token, json });

    const wrong = expectClientError(
      await change({ old_password: `${user.password}x`, new_password: strongPassword() }),
      400,
      'INVALID_CURRENT_PASSWORD',
    );
    expect(wrong.error).toMatch(/password is incorrect/i);

    const short = expectClientError(
      await change({ old_password: user.password, new_password: 'Short-1' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(short.error).toMatch(/new_password/);
    expect(short.error).toMatch(/at least 12 characters/);

    const common = expectClientError(
      await change({ old_password: user.password, new_password: 'password1234' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(common.error).toMatch(/too common/);

    const same = expectClientError(
      await change({ old_password: user.password, new_password: user.password }),
      400,
      'WEAK_PASSWORD',
    );
    expect(same.error).toMatch(/differ/);

    expectClientError(await change({ old_password: user.password }), 400, 'VALIDATION_FAILED');
    expectClientError(await change({}), 400, 'VALIDATION_FAILED');
    const malformed = await api('/client/auth/change-password', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: '{"old_password":',
    });
    expectClientError(malformed, 400, 'INVALID_JSON');

    // None of that changed the password or ended the session.
    expectStatus(await get(api, '/client/profile', token), 200);
    await signIn(client(), user);
  });

  it('needs a bearer token', async () => {
    const user = await createTestUser();
    const api = client();
    const { token } = await signIn(api, user);
    expectStatus(await get(api, '/client/profile', token), 200);
    const res = await api('/client/auth/change-password', {
      json: { old_password: user.password, new_password: strongPassword() },
    });
    expectClientError(res, 401, 'UNAUTHENTICATED');
  });
});

describe('force_password_change', () => {
  it('signs in, allows only change-password and logout, then everything', async () => {
    const user = await createTestUser({ forcePasswordChange: true });
    const api = client();
    const first = await signIn(api, user);
    expect(first.force_password_change).toBe(true);
    const second = await signIn(client(), user);

    for (const path of [
      '/client/profile',
      '/client/dashboard',
      '/client/contracts',
      '/client/contracts/1001',
      '/client/contracts/1001/service-tier',
    ]) {
      const body = expectClientError(
        await get(api, path, first.token),
        403,
        'PASSWORD_CHANGE_REQUIRED',
      );
      expect(body.error).toMatch(/change your password/i);
    }

    // Logout works while the change is pending.
    expectEmpty(await api('/client/auth/logout', { method: 'POST', token: second.token }), 200);
    expectClientError(await get(api, '/client/profile', second.token), 401);

    const newPassword = strongPassword();
    const res = await api('/client/auth/change-password', {
      token: first.token,
      json: { old_password: user.password, new_password: newPassword },
    });
    expectEmpty(res, 204);

    const profile = await get(api, '/client/profile', first.token);
    expectStatus(profile, 200);
    expect(profile.json.customer_id).toBe(user.id);
    expectStatus(await get(api, '/client/dashboard', first.token), 200);
    const again = await signIn(client(), { email: user.email, password: newPassword });
    expect(again.force_password_change).toBe(false);
  });
});

describe('GET /client/profile', () => {
  it('answers the documented fields and types for the demo customer', async () => {
    const res = await demoGet('/client/profile');
    expect(Object.keys(res.json).sort()).toEqual([
      'active',
      'address',
      'created_at',
      'customer_id',
      'email',
      'name_on_contract',
      'phone_number',
    ]);
    const row = await db.user.findUniqueOrThrow({
      where: { email: DEMO.email },
      select: { id: true, phone: true, createdAt: true },
    });
    expect(res.json).toEqual({
      customer_id: row.id,
      name_on_contract: DEMO.nameOnContract,
      email: DEMO.email,
      // Editable by the customer, so compared with the database rather than the seed.
      phone_number: row.phone,
      address: DEMO.address,
      active: true,
      created_at: row.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    expect(Number.isInteger(res.json.customer_id)).toBe(true);
    expect(res.json.created_at).toMatch(ISO_SECONDS);
  });

  it('falls back to the account holder’s name when no name on contract is on file', async () => {
    const { user, res } = await newCustomerGet('/client/profile');
    expect(res.json).toMatchObject({
      customer_id: user.id,
      name_on_contract: expect.stringMatching(/^Test Customer [0-9a-f]+$/),
      email: user.email,
      phone_number: null,
      address: null,
      active: true,
    });
    expect(res.json.created_at).toMatch(ISO_SECONDS);
  });
});

describe('GET /client/dashboard', () => {
  it('answers the seeded counts; active alerts are the unresolved ones', async () => {
    const res = await demoGet('/client/dashboard');
    expect(res.json).toEqual({ contract_count: 2, equipment_count: 5, active_alerts: 2 });
  });

  it('answers zeros for a customer with nothing yet', async () => {
    const { res } = await newCustomerGet('/client/dashboard');
    expect(res.json).toEqual({ contract_count: 0, equipment_count: 0, active_alerts: 0 });
  });
});

describe('GET /client/contracts', () => {
  it('answers a plain array of the demo customer’s contracts', async () => {
    const res = await demoGet<unknown[]>('/client/contracts');
    expect(res.json).toEqual([
      { contract_id: 1001, name: 'Main Office Monitoring', status: 'active' },
      { contract_id: 1002, name: 'Warehouse Coverage', status: 'inactive' },
    ]);
    expect(res.headers.get('x-total-count')).toBe('2');
  });

  it('answers an empty array for a customer with none', async () => {
    const { res } = await newCustomerGet<unknown[]>('/client/contracts');
    expect(res.json).toEqual([]);
  });
});

describe('GET /client/contracts/{id} and /service-tier', () => {
  it.each([
    {
      title: 'answers document 1’s contract 1001 and its Premium tier',
      contract: {
        contract_id: 1001,
        name: 'Main Office Monitoring',
        status: 'active',
        start_date: '2024-01-01',
        end_date: '2026-01-01',
      },
      tier: { tier: 'Premium', features: PREMIUM_FEATURES },
    },
    {
      title: 'answers contract 1002 and its Standard tier',
      contract: {
        contract_id: 1002,
        name: 'Warehouse Coverage',
        status: 'inactive',
        start_date: '2023-03-01',
        end_date: '2024-03-01',
      },
      tier: { tier: 'Standard', features: STANDARD_FEATURES },
    },
  ])('$title', async ({ contract, tier }) => {
    const api = client();
    const { token } = await demoLogin(api);
    const path = `/client/contracts/${contract.contract_id}`;
    const contractRes = await get(api, path, token);
    expectStatus(contractRes, 200);
    expect(contractRes.json).toEqual(contract);
    const tierRes = await get(api, `${path}/service-tier`, token);
    expectStatus(tierRes, 200);
    expect(tierRes.json).toEqual(tier);
  });

  it('answers 400 for ids that are not positive integers', async () => {
    const api = client();
    const { token } = await demoLogin(api);
    for (const suffix of ['', '/service-tier']) {
      expectStatus(await get(api, `/client/contracts/1001${suffix}`, token), 200);
      for (const id of ['abc', '-1', '0', '1.5', '99999999999', '1e3', '01001']) {
        const res = await get(api, `/client/contracts/${id}${suffix}`, token);
        const body = expectClientError(res, 400, 'VALIDATION_FAILED');
        expect(body.error, `${id}${suffix}`).toMatch(/^Invalid path: id/);
      }
    }
  });

  it('answers 404 "Contract not found" for a missing contract and for another customer’s', async () => {
    const api = client();
    const { token } = await demoLogin(api);
    const stranger = await signIn(client(), await createTestUser());
    for (const suffix of ['', '/service-tier']) {
      expectStatus(await get(api, `/client/contracts/1001${suffix}`, token), 200);
      const missing = await get(api, `/client/contracts/2147483647${suffix}`, token);
      expect(expectClientError(missing, 404, 'NOT_FOUND').error).toBe('Contract not found');
      const notYours = await get(api, `/client/contracts/1001${suffix}`, stranger.token);
      expect(expectClientError(notYours, 404, 'NOT_FOUND').error).toBe('Contract not found');
    }
  });
});

describe('authentication on every /client endpoint', () => {
  const GETS = [
    '/client/profile',
    '/client/dashboard',
    '/client/contracts',
    '/client/contracts/1001',
    '/client/contracts/1001/service-tier',
  ];

  it('answers 401 without a token, or with a malformed or forged one', async () => {
    const api = client();
    const { token } = await demoLogin(api);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (const path of GETS) {
      expectStatus(await get(api, path, token), 200);
      expectClientError(await get(api, path), 401, 'UNAUTHENTICATED');
      expectClientError(await get(api, path, forged), 401, 'TOKEN_INVALID');
      const malformed = await api(path, { headers: { authorization: 'Basic abc' } });
      expectClientError(malformed, 401, 'TOKEN_INVALID');
    }
  });

  it('answers 405 in the error shape, with Allow, for methods the document does not list', async () => {
    const api = client();
    const { token } = await demoLogin(api);
    expectStatus(await get(api, '/client/profile', token), 200);
    const put = await api('/client/profile', { method: 'PUT', token, json: { email: 'x' } });
    expectClientError(put, 405, 'METHOD_NOT_ALLOWED');
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const getLogin = await api('/client/auth/login', { method: 'GET' });
    expectClientError(getLogin, 405, 'METHOD_NOT_ALLOWED');
    expect(getLogin.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('OpenAPI', () => {
  it('lists every /client operation under the Client API tag', async () => {
    const res = await client()<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(
      '/api/v1/openapi.json',
    );
    expectStatus(res, 200);
    const expected: [string, string][] = [
      ['/client/auth/login', 'post'],
      ['/client/auth/logout', 'post'],
      ['/client/auth/change-password', 'post'],
      ['/client/profile', 'get'],
      ['/client/dashboard', 'get'],
      ['/client/contracts', 'get'],
      ['/client/contracts/{id}', 'get'],
      ['/client/contracts/{id}/service-tier', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(res.json.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual([
        'Client API (document 1)',
      ]);
    }
  });
});
