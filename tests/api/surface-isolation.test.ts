/**
 * Issue 7, item 2: a token is valid only on the surface that issued it. The matrix is generated
 * from the OpenAPI document: every operation that needs a session, against a token of every other
 * surface (401 in that surface's error shape), each surface's refresh and logout against the
 * others' tokens, and the browser cookie against the bearer-only surfaces.
 *
 * /api/auth and /v1 are not served yet; their sessions are opened through the domain (the same
 * login every surface calls), so their tokens are in the matrix already.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginForTokens } from '@/lib/auth/token-sessions';
import { tokenAudience } from '@/lib/auth/tokens';
import type { SessionSurface } from '@/lib/db/generated/enums';
import { recordSecret } from '../support/artifacts';
import { browserSignIn } from '../support/browser-session';
import { client, type ApiResponse } from '../support/http';
import { createTestUser, randomIp, type TestUser } from '../support/users';
import {
  expectNoStackTrace,
  expectStatus,
  expectV1Error,
  explain,
  forgeAccessToken,
  jwtPart,
  login,
  nowSeconds,
} from '../support/v1';

interface Operation {
  method: string;
  path: string;
  surfaces: SessionSurface[];
  cookie: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { 'x-session-surfaces'?: SessionSurface[]; security?: object[] }>
  >;
}

const api = client();
const operations: Operation[] = [];
let user: TestUser;
const tokens = {} as Record<SessionSurface, string>;
const refreshTokens: Partial<Record<SessionSurface, string>> = {};
let cookie = '';

/** A concrete path for a templated one: any well-formed id will do, auth is decided first. */
function concrete(path: string): string {
  return path
    .replace(
      '{id}',
      path.includes('purchases')
        ? 'purchase_1'
        : path.includes('payment-methods')
          ? 'pm_test'
          : path.includes('downloads')
            ? 'software_v2'
            : '1',
    )
    .replace(/\{\w+\}/g, '1');
}

function call(op: Operation, init: { token?: string; cookie?: string } = {}) {
  return api(concrete(op.path), {
    method: op.method,
    token: init.token,
    headers: init.cookie ? { cookie: init.cookie } : undefined,
  });
}

/** Document 5's envelope on /api/v1 and /api/staff; `{"error", "code", "request_id"}` elsewhere. */
function expectRefused(op: Operation | string, res: ApiResponse<unknown>, code: string): void {
  const path = typeof op === 'string' ? op : op.path;
  if (path.startsWith('/api/v1/') || path.startsWith('/api/staff/')) {
    expectV1Error(res, 401, code);
    return;
  }
  expect(res.status, `${path}: ${explain(res)}`).toBe(401);
  const body = res.json as { error?: unknown; code?: unknown; request_id?: unknown };
  expect(Object.keys(body).sort()).toEqual(['code', 'error', 'request_id']);
  expect(typeof body.error).toBe('string');
  expect(body.code, explain(res)).toBe(code);
  expectNoStackTrace(res);
}

const TOKEN_SURFACES: SessionSurface[] = ['API_V1', 'CLIENT', 'AUTH_API', 'GIGGATEK'];

beforeAll(async () => {
  const doc = (await api<OpenApiDocument>('/api/v1/openapi.json')).json;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const surfaces = op['x-session-surfaces'];
      if (!surfaces) continue;
      const cookieScheme = (op.security ?? []).some((s) => 'sessionCookie' in s);
      operations.push({ method: method.toUpperCase(), path, surfaces, cookie: cookieScheme });
    }
  }
  user = await createTestUser();
  tokens.API_V1 = (await login(api, user)).access;
  const clientLogin = await api<{ token: string }>('/client/auth/login', {
    json: { email: user.email, password: user.password },
  });
  expectStatus(clientLogin, 200);
  tokens.CLIENT = clientLogin.json.token;
  for (const surface of ['AUTH_API', 'GIGGATEK'] as const) {
    const opened = await loginForTokens({
      email: user.email,
      password: user.password,
      surface,
      ip: randomIp(),
      userAgent: 'vitest',
    });
    recordSecret('refresh_token', opened.refreshToken);
    tokens[surface] = opened.accessToken;
    refreshTokens[surface] = opened.refreshToken;
  }
  cookie = (await browserSignIn(api, user)) ?? '';
  expect(cookie).not.toBe('');
});

describe('surface isolation (from /api/v1/openapi.json)', () => {
  it('finds the session-bound operations of every served surface', () => {
    const surfaces = new Set(operations.flatMap((op) => op.surfaces));
    expect(surfaces).toEqual(new Set(['API_V1', 'CLIENT', 'AUTH_API', 'GIGGATEK']));
    expect(operations.length).toBeGreaterThan(15);
    for (const op of operations) expect(op.surfaces).toHaveLength(1);
  });

  it('each token carries its own surface as its audience', () => {
    for (const surface of TOKEN_SURFACES) {
      expect(jwtPart(tokens[surface], 1).aud).toBe(tokenAudience(surface));
    }
  });

  it("refuses every other surface's token on every operation, in the surface's error shape", async () => {
    let checked = 0;
    for (const op of operations) {
      for (const surface of TOKEN_SURFACES.filter((s) => !op.surfaces.includes(s))) {
        const res = await call(op, { token: tokens[surface] });
        expectRefused(op, res, 'TOKEN_WRONG_SURFACE');
        checked += 1;
      }
    }
    expect(checked).toBe(operations.length * 3);
  });

  it("takes the surface's own token (every GET answers without a 401)", async () => {
    for (const op of operations.filter((o) => o.method === 'GET')) {
      const surface = op.surfaces[0] as SessionSurface;
      const res = await call(op, { token: tokens[surface] });
      expect(res.status, `${op.method} ${op.path}: ${explain(res)}`).not.toBe(401);
      expect(res.status, `${op.method} ${op.path}: ${explain(res)}`).toBeLessThan(500);
    }
  });

  it('refuses the browser cookie on the bearer-only surfaces and takes it on /api/v1', async () => {
    for (const op of operations) {
      if (op.cookie) continue;
      expectRefused(op, await call(op, { cookie }), 'UNAUTHENTICATED');
    }
    const cookieOps = operations.filter((op) => op.cookie);
    expect(cookieOps.length).toBeGreaterThan(0);
    // /api/v1, and the agents' API beside it (document 2's internal operations API).
    for (const op of cookieOps) expect(op.path).toMatch(/^\/api\/(v1|staff)\//);
    for (const op of cookieOps.filter((o) => o.method === 'GET')) {
      const res = await call(op, { cookie });
      expect(res.status, `${op.path}: ${explain(res)}`).not.toBe(401);
    }
  });

  it('keeps a token issued before audiences working where it belongs, and only there', async () => {
    const fresh = await createTestUser();
    const res = await api<{ token: string }>('/client/auth/login', {
      json: { email: fresh.email, password: fresh.password },
    });
    const payload = jwtPart(res.json.token, 1);
    const legacy = await forgeAccessToken({
      sub: String(payload.sub),
      sid: String(payload.sid),
      exp: nowSeconds() + 600,
    });
    expectStatus(await api('/client/profile', { token: legacy }), 200);
    expectRefused(
      '/api/v1/profile',
      await api('/api/v1/profile', { token: legacy }),
      'TOKEN_WRONG_SURFACE',
    );
    // An audience that contradicts the session's surface is refused too.
    const mislabelled = await forgeAccessToken({
      sub: String(payload.sub),
      sid: String(payload.sid),
      exp: nowSeconds() + 600,
      aud: tokenAudience('API_V1'),
    });
    expectRefused(
      '/api/v1/profile',
      await api('/api/v1/profile', { token: mislabelled }),
      'TOKEN_WRONG_SURFACE',
    );
    expectRefused(
      '/client/profile',
      await api('/client/profile', { token: mislabelled }),
      'TOKEN_WRONG_SURFACE',
    );
  });
});

describe("each surface's refresh and logout take only that surface's sessions", () => {
  it("/api/v1/auth/refresh refuses other surfaces' bearers and refresh tokens", async () => {
    for (const surface of ['CLIENT', 'AUTH_API', 'GIGGATEK'] as const) {
      const res = await api('/api/v1/auth/refresh', { method: 'POST', token: tokens[surface] });
      expectV1Error(res, 401);
      expect(JSON.stringify(res.json)).not.toContain('refresh_token":"');
    }
    for (const surface of ['AUTH_API', 'GIGGATEK'] as const) {
      const res = await api('/api/v1/auth/refresh', {
        json: { refresh_token: refreshTokens[surface] },
      });
      expectV1Error(res, 401, 'REFRESH_TOKEN_INVALID');
    }
    // The browser cookie does not mint tokens either.
    const byCookie = await api('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expectV1Error(byCookie, 401);
  });

  it("/api/v1/auth/logout refuses other surfaces' tokens and leaves their sessions alone", async () => {
    for (const surface of ['CLIENT', 'AUTH_API', 'GIGGATEK'] as const) {
      expectV1Error(
        await api('/api/v1/auth/logout', { method: 'POST', token: tokens[surface] }),
        401,
      );
    }
    for (const surface of ['AUTH_API', 'GIGGATEK'] as const) {
      const res = await api('/api/v1/auth/logout', {
        json: { refresh_token: refreshTokens[surface] },
      });
      expectV1Error(res, 401, 'REFRESH_TOKEN_INVALID');
    }
    expectStatus(await api('/client/profile', { token: tokens.CLIENT }), 200);
    expectStatus(await api('/api/v1/profile', { token: tokens.API_V1 }), 200);
  });

  it("/client/auth/logout refuses other surfaces' tokens and the cookie", async () => {
    for (const surface of ['API_V1', 'AUTH_API', 'GIGGATEK'] as const) {
      const res = await api('/client/auth/logout', { method: 'POST', token: tokens[surface] });
      expectRefused('/client/auth/logout', res, 'TOKEN_WRONG_SURFACE');
    }
    const byCookie = await api('/client/auth/logout', { method: 'POST', headers: { cookie } });
    expectRefused('/client/auth/logout', byCookie, 'UNAUTHENTICATED');
    expectStatus(await api('/api/v1/profile', { token: tokens.API_V1 }), 200);
    expectStatus(await api('/api/v1/profile', { headers: { cookie } }), 200);
  });

  it('each surface still logs its own session out, and that ends it everywhere', async () => {
    const other = await createTestUser();
    const v1 = await login(api, other);
    const res = await api('/api/v1/auth/logout', { method: 'POST', token: v1.access });
    expectStatus(res, 200);
    expectV1Error(await api('/api/v1/profile', { token: v1.access }), 401);
    const clientLogin = await api<{ token: string }>('/client/auth/login', {
      json: { email: other.email, password: other.password },
    });
    expectStatus(
      await api('/client/auth/logout', { method: 'POST', token: clientLogin.json.token }),
      200,
    );
    expect((await api('/client/profile', { token: clientLogin.json.token })).status).toBe(401);
  });
});
