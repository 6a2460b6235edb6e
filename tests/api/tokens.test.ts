import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { disconnectAfterAll } from '../support/db';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import {
  expectStatus,
  expectV1Error,
  forgeAccessToken,
  jwtPart,
  login,
  nowSeconds,
  profile,
  refreshTokenHash,
  refreshWith,
  rotate,
  signedIn,
  unsignedToken,
  type ApiClient,
  type TokenData,
  type V1Success,
} from '../support/v1';

/** Many bcrypt sign-ins or requests in a row: generous on a loaded two-core machine. */
const SLOW = { timeout: 90_000 };

disconnectAfterAll();

describe('refresh-token rotation', () => {
  it('rotates on every use: the old token then fails', async () => {
    const { api, refresh } = await signedIn();
    const second = await rotate(api, refresh);
    expect(second.refresh === refresh).toBe(false);
    expectStatus(await profile(api, second.access), 200);
    expectV1Error(await refreshWith(api, refresh), 401);
  });

  it('reuse of a used token revokes the whole session, newest tokens included', async () => {
    const user = await createTestUser();
    const api = client();
    const other = await login(client(), user);
    const first = await login(api, user);
    const second = await rotate(api, first.refresh);
    const newest = await rotate(api, second.refresh);
    expectStatus(await profile(api, newest.access), 200);

    expectV1Error(await refreshWith(api, first.refresh), 401, 'REFRESH_TOKEN_REUSED');

    expectV1Error(await profile(api, newest.access), 401, 'SESSION_REVOKED');
    expectV1Error(await refreshWith(api, newest.refresh), 401);
    expectV1Error(await profile(api, second.access), 401);
    // Only that session ends: the same user's other sign-in is untouched.
    expectStatus(await profile(api, other.access), 200);
  });

  it('of two concurrent refreshes with one token, exactly one succeeds', async () => {
    const user = await createTestUser();
    for (let round = 0; round < 3; round += 1) {
      const api = client();
      const { refresh } = await login(api, user);
      const results = await Promise.all([refreshWith(api, refresh), refreshWith(api, refresh)]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 401]);
      const loser = results.find((r) => r.status === 401);
      if (loser) expectV1Error(loser, 401);
    }
  });
});

describe('refresh by bearer token alone (document 2)', () => {
  /** Refresh tokens of the session that are still unused. */
  const liveRefreshTokens = (sessionId: string) =>
    db.refreshToken.count({ where: { sessionId, usedAt: null } });

  const bearerRefresh = (api: ApiClient, access: string) =>
    api<V1Success<TokenData>>('/api/v1/auth/refresh', { method: 'POST', token: access });

  it('leaves exactly one live refresh token, even when refreshes run at once', SLOW, async () => {
    const user = await createTestUser();
    const api = client();
    const first = await login(api, user);
    const firstSid = String(jwtPart(first.access, 1).sid);
    expectStatus(await bearerRefresh(api, first.access), 200);
    expect(await liveRefreshTokens(firstSid)).toBe(1);

    // The window is narrow: race several fresh sessions, three requests each.
    const live: number[] = [];
    const usable: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const { access } = await login(api, user);
      const sid = String(jwtPart(access, 1).sid);
      const results = await Promise.all([1, 2, 3].map(() => bearerRefresh(api, access)));
      for (const r of results) expect([200, 401]).toContain(r.status);
      expect(results.some((r) => r.status === 200)).toBe(true);
      live.push(await liveRefreshTokens(sid));
      // Two live refresh tokens fork the session: reuse detection can no longer tell
      // the client from a thief holding the other one.
      const handedOut = results.filter((r) => r.status === 200);
      let ok = 0;
      for (const r of handedOut.reverse()) {
        if ((await refreshWith(api, r.json.data.refresh_token)).status === 200) ok += 1;
      }
      usable.push(ok);
    }
    expect(live, 'live refresh tokens per session after each race').toEqual([1, 1, 1, 1, 1]);
    expect(usable, 'refresh tokens that still worked per race').toEqual(
      usable.map((n) => Math.min(n, 1)),
    );
  });
});

describe('logout', () => {
  it('makes the access token useless at once', async () => {
    const user = await createTestUser();
    const api = client();
    const { access, refresh } = await login(api, user);
    expectStatus(await profile(api, access), 200);
    expectStatus(await api('/api/v1/auth/logout', { json: { refresh_token: refresh } }), 200);
    expectV1Error(await profile(api, access), 401, 'SESSION_REVOKED');
  });
});

describe('bearer tokens the server must refuse', () => {
  it('refuses a missing or malformed Authorization header', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    expectStatus(await profile(api, access, { authorization: `Bearer ${access}` }), 200);

    expectV1Error(await profile(api), 401, 'UNAUTHENTICATED');
    const malformed = [
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from(`${user.email}:x`).toString('base64')}`,
      'garbage',
      `bearer${access}`,
      `Bearer ${access} extra`,
      `Bearer ${access}%`,
      `Token ${access}`,
    ];
    for (const header of malformed) {
      expectV1Error(await profile(api, undefined, { authorization: header }), 401);
    }
  });

  it('refuses an expired token, though its claims and signature are right', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    const sid = String(jwtPart(access, 1).sid);
    const sub = String(user.id);
    // The test's own signing works: a fresh token with these claims is accepted.
    const fresh = await forgeAccessToken({ sub, sid, exp: nowSeconds() + 300 });
    expectStatus(await profile(api, fresh), 200);

    const expired = await forgeAccessToken({
      sub,
      sid,
      iat: nowSeconds() - 1000,
      exp: nowSeconds() - 60,
    });
    expectV1Error(await profile(api, expired), 401, 'TOKEN_EXPIRED');
  });

  it('refuses alg none, a wrong secret, a wrong issuer and another user as subject', async () => {
    const user = await createTestUser();
    const someoneElse = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    const claims = jwtPart(access, 1);
    const sid = String(claims.sid);
    const sub = String(user.id);
    expectStatus(await profile(api, access), 200);
    expectStatus(
      await profile(api, await forgeAccessToken({ sub, sid, exp: claims.exp as number })),
      200,
    );

    const [header, payload, signature] = access.split('.');
    expectV1Error(await profile(api, unsignedToken(claims)), 401, 'TOKEN_INVALID');
    const noneHeader = unsignedToken(claims).split('.')[0];
    expectV1Error(
      await profile(api, `${noneHeader}.${payload}.${signature}`),
      401,
      'TOKEN_INVALID',
    );

    const wrongSecret = await forgeAccessToken({
      sub,
      sid,
      exp: nowSeconds() + 300,
      secret: 'a-completely-different-secret-of-enough-length',
    });
    expectV1Error(await profile(api, wrongSecret), 401, 'TOKEN_INVALID');
    // Right secret, other HMAC algorithm: only HS256 is accepted.
    const hs512 = await forgeAccessToken({ sub, sid, exp: nowSeconds() + 300, alg: 'HS512' });
    expectV1Error(await profile(api, hs512), 401, 'TOKEN_INVALID');
    const wrongIssuer = await forgeAccessToken({ sub, sid, exp: nowSeconds() + 300, iss: 'evil' });
    expectV1Error(await profile(api, wrongIssuer), 401, 'TOKEN_INVALID');
    const otherSubject = await forgeAccessToken({
      sub: String(someoneElse.id),
      sid,
      exp: nowSeconds() + 300,
    });
    expectV1Error(await profile(api, otherSubject), 401);
    // A tampered payload keeps the old signature and must fail too.
    const otherPayload = Buffer.from(
      JSON.stringify({ ...claims, sub: String(someoneElse.id) }),
    ).toString('base64url');
    expectV1Error(
      await profile(api, `${header}.${otherPayload}.${signature}`),
      401,
      'TOKEN_INVALID',
    );
  });

  it('refuses a well-signed token whose session was revoked', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    const sid = String(jwtPart(access, 1).sid);
    const forged = await forgeAccessToken({ sub: String(user.id), sid, exp: nowSeconds() + 600 });
    expectStatus(await profile(api, forged), 200);
    expectStatus(await api('/api/v1/auth/logout', { method: 'POST', token: access }), 200);
    expectV1Error(await profile(api, forged), 401, 'SESSION_REVOKED');
  });

  it('refuses the token of a user deactivated after sign-in', async () => {
    const { userId, api, token } = await signedIn();
    expectStatus(await profile(api, token), 200);
    await db.user.update({ where: { id: userId }, data: { active: false } });
    expectV1Error(await profile(api, token), 401);
  });
});

describe('the 7-day refresh limit counts from sign-in', () => {
  it('rotation keeps the expiry; an expired refresh token is refused', async () => {
    const user = await createTestUser();
    const api = client();
    const signedInAt = Date.now();
    const first = await login(api, user);
    const second = await rotate(api, first.refresh);

    const rows = await db.refreshToken.findMany({
      where: {
        tokenHash: { in: [refreshTokenHash(first.refresh), refreshTokenHash(second.refresh)] },
      },
      select: { tokenHash: true, expiresAt: true, session: { select: { createdAt: true } } },
    });
    expect(rows).toHaveLength(2);
    const [a, b] = rows;
    expect(a?.expiresAt.getTime()).toBe(b?.expiresAt.getTime());
    const sevenDays = 7 * 24 * 3600 * 1000;
    expect(a?.expiresAt.getTime()).toBe((a?.session.createdAt.getTime() ?? 0) + sevenDays);
    expect(Math.abs((a?.expiresAt.getTime() ?? 0) - (signedInAt + sevenDays))).toBeLessThan(60_000);

    await db.refreshToken.update({
      where: { tokenHash: refreshTokenHash(second.refresh) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectV1Error(await refreshWith(api, second.refresh), 401, 'REFRESH_TOKEN_INVALID');
    // The bearer-only refresh is bound by the same limit.
    expectStatus(await profile(api, second.access), 200);
    const byBearer = await api('/api/v1/auth/refresh', { method: 'POST', token: second.access });
    expectV1Error(byBearer, 401, 'REFRESH_TOKEN_INVALID');
  });
});
