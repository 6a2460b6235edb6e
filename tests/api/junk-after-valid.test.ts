/**
 * The account endpoints (issue 10's and the sign-in endpoints they sit beside, on /api/v1, /client,
 * document 3's /api/auth and document 4's /v1), each shown to work first: a valid request is
 * answered 2xx, and then every junk body generated from the OpenAPI document for the same
 * operation (tests/support/junk.ts) is a 400 in that surface's own error shape. A 400 that a
 * broken endpoint would also give proves nothing; one after a success does.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken } from '@/lib/accounts/tokens';
import { db } from '@/lib/db/client';
import type { UserTokenPurpose } from '@/lib/db/generated/enums';
import { recordSecret } from '../support/artifacts';
import { disconnectAfterAll } from '../support/db';
import { client, type ApiResponse } from '../support/http';
import { expectEnvelope, junkCases, METHODS, type OpenApiDocument } from '../support/junk';
import { authorizationCode, pkcePair } from '../support/oidc';
import { createTestUser, type TestUser } from '../support/users';
import { authApiLogin, clientLogin, explain, expectStatus, login } from '../support/v1';

disconnectAfterAll();

/** The operations this file owns: every one of them with a body must have a valid request below. */
const ACCOUNT_PATHS = /^\/(api\/v1\/auth|client\/auth|api\/auth|v1\/auth)\//;

interface ValidRequest {
  body: unknown;
  token?: string;
}

const newAddress = () => `junk-valid-${randomBytes(6).toString('hex')}@example.test`;
const newPassword = () => {
  const password = `Junk-Valid-${randomBytes(9).toString('base64url')}`;
  recordSecret('password', password);
  return password;
};

/** A mailed token as the mail would carry it, issued by its owner module for a fresh account. */
async function mailedToken(purpose: UserTokenPurpose, user: TestUser): Promise<string> {
  const { token } = await db.$transaction((tx) =>
    issueToken(tx, { userId: user.id, email: user.email, purpose }),
  );
  return token;
}

/** The body an app sends after the test OpenID provider redirected back to it with a code. */
async function providerCallback(): Promise<ValidRequest> {
  const pkce = pkcePair();
  const nonce = randomBytes(16).toString('base64url');
  const redirectUri = process.env.TEST_OIDC_REDIRECT_URI ?? '';
  const { code } = await authorizationCode({
    issuer: process.env.TEST_OIDC_ISSUER ?? '',
    clientId: process.env.TEST_OIDC_CLIENT_ID ?? '',
    redirectUri,
    account: { email: newAddress() },
    codeChallenge: pkce.challenge,
    nonce,
  });
  return { body: { code, redirectUri, codeVerifier: pkce.verifier, nonce } };
}

const credentials = (user: TestUser) => ({ email: user.email, password: user.password });

/** A valid request per operation (`METHOD path`), each with fresh accounts and tokens. */
const VALID: Record<string, () => Promise<ValidRequest>> = {
  'POST /api/v1/auth/login': async () => ({ body: credentials(await createTestUser()) }),
  'POST /api/v1/auth/refresh': async () => ({
    body: { refresh_token: (await login(client(), await createTestUser())).refresh },
  }),
  'POST /api/v1/auth/logout': async () => ({
    body: { refresh_token: (await login(client(), await createTestUser())).refresh },
  }),
  'POST /api/v1/auth/change-password': async () => {
    const user = await createTestUser();
    return {
      token: (await login(client(), user)).access,
      body: { current_password: user.password, new_password: newPassword() },
    };
  },
  'POST /api/v1/auth/register': async () => ({
    body: { email: newAddress(), password: newPassword(), first_name: 'Val', last_name: 'Id' },
  }),
  'POST /api/v1/auth/verify-email': async () => ({
    body: {
      token: await mailedToken('VERIFY_EMAIL', await createTestUser({ emailVerified: false })),
    },
  }),
  'POST /api/v1/auth/password/reset': async () => ({
    body: { email: (await createTestUser()).email },
  }),
  'POST /api/v1/auth/password/reset/confirm': async () => ({
    body: {
      token: await mailedToken('RESET_PASSWORD', await createTestUser()),
      password: newPassword(),
    },
  }),
  'POST /api/v1/auth/end-sessions': async () => ({
    body: { token: await mailedToken('END_SESSIONS', await createTestUser()) },
  }),
  'POST /api/v1/auth/callback': providerCallback,
  'POST /client/auth/login': async () => ({ body: credentials(await createTestUser()) }),
  'POST /client/auth/change-password': async () => {
    const user = await createTestUser();
    return {
      token: await clientLogin(client(), user),
      body: { old_password: user.password, new_password: newPassword() },
    };
  },
  'POST /api/auth/login': async () => ({ body: credentials(await createTestUser()) }),
  'POST /api/auth/register': async () => ({
    body: { email: newAddress(), password: newPassword() },
  }),
  'POST /api/auth/change-password': async () => {
    const user = await createTestUser();
    return {
      token: await authApiLogin(client(), user),
      body: { currentPassword: user.password, newPassword: newPassword() },
    };
  },
  'POST /v1/auth/register': async () => ({
    body: { email: newAddress(), password: newPassword(), first_name: 'Val', last_name: 'Id' },
  }),
  'POST /v1/auth/login': async () => ({ body: credentials(await createTestUser()) }),
  'POST /v1/auth/password/reset': async () => ({
    body: { email: (await createTestUser()).email },
  }),
  'POST /v1/auth/password/reset/confirm': async () => ({
    body: {
      token: await mailedToken('RESET_PASSWORD', await createTestUser()),
      password: newPassword(),
    },
  }),
};

/** Documents 3 and 4 answer `{"error": "…"}` (with the code and request id beside it). */
function expectSurfaceError(path: string, res: ApiResponse<unknown>): void {
  expectEnvelope(path, res);
  if (/^\/(api\/auth|v1)\//.test(path)) {
    expect(typeof (res.json as { error?: unknown }).error, explain(res)).toBe('string');
  }
}

describe('account endpoints: a valid request succeeds, then every junk body is a 400', () => {
  it('covers every account operation that takes a body', async () => {
    const docRes = await client()<OpenApiDocument>('/api/v1/openapi.json');
    expectStatus(docRes, 200);
    const doc = docRes.json;
    const operations: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (ACCOUNT_PATHS.test(path) && item[method]?.requestBody) {
          operations.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    // Every operation has its valid request, and no valid request names a missing operation.
    expect(operations.sort()).toEqual(Object.keys(VALID).sort());

    let junkSent = 0;
    for (const key of operations) {
      const [method = 'POST', path = ''] = key.split(' ');
      const op = doc.paths[path]?.[method.toLowerCase()];
      if (!op) throw new Error(`no operation ${key}`);
      const caller = client();
      const valid = await (VALID[key] ?? (() => Promise.reject(new Error(key))))();
      const ok = await caller(path, { method, json: valid.body, token: valid.token });
      expect(ok.status, `${key} valid request: ${explain(ok)}`).toBeGreaterThanOrEqual(200);
      expect(ok.status, `${key} valid request: ${explain(ok)}`).toBeLessThan(300);

      // The same operation, with a session of its own where it needs one.
      const fresh = valid.token ? await VALID[key]?.() : undefined;
      for (const junk of junkCases(doc, op)) {
        const headers = new Headers(junk.init.headers);
        if (fresh?.token) headers.set('authorization', `Bearer ${fresh.token}`);
        const res = await caller(path, { ...junk.init, method, headers });
        junkSent += 1;
        expect(res.status, `${key} ${junk.label}: ${explain(res)}`).toBe(junk.status ?? 400);
        expectSurfaceError(path, res);
      }
    }
    expect(operations.length).toBeGreaterThanOrEqual(18);
    expect(junkSent).toBeGreaterThanOrEqual(operations.length * 2);
  });
});
