/**
 * Issue 7 over HTTP: sign-in limits counted before bcrypt (item 5), guessing the current password
 * through change-password (item 6) and NextAuth's own session endpoint after a revocation
 * (item 7).
 */
import { describe, expect, it } from 'vitest';
import { browserSignIn, cookiePairs } from '../support/browser-session';
import { client } from '../support/http';
import { atOnce } from '../support/parallel';
import { createTestUser, randomIp } from '../support/users';
import { expectStatus, expectV1Error, explain, login } from '../support/v1';

const loginBody = (email: string, password: string) => ({ json: { email, password } });

describe('sign-in limits (item 5)', () => {
  it('40 parallel wrong sign-ins for one account: at most 10 answer 401, the rest 429 with Retry-After', async () => {
    const user = await createTestUser();
    const api = client();
    const results = await atOnce(40, () =>
      api('/api/v1/auth/login', loginBody(user.email, 'wrong-password-123')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    for (const res of results.filter((r) => r.status === 429)) {
      expectV1Error(res, 429, 'RATE_LIMITED');
      expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }
  });

  it('after 10 failures from address A the right password still works from address B', async () => {
    const user = await createTestUser();
    const fromA = client({ ip: randomIp() });
    for (let i = 0; i < 10; i += 1) {
      expectV1Error(
        await fromA('/api/v1/auth/login', loginBody(user.email, `wrong-${i}`)),
        401,
        'INVALID_CREDENTIALS',
      );
    }
    expectV1Error(
      await fromA('/api/v1/auth/login', loginBody(user.email, user.password)),
      429,
      'RATE_LIMITED',
    );
    const fromB = client({ ip: randomIp() });
    expectStatus(await fromB('/api/v1/auth/login', loginBody(user.email, user.password)), 200);
  });
});

describe('change-password guessing (item 6)', () => {
  it('5 wrong current passwords: 400 each, the fifth ends its session, then 429 from any session', async () => {
    const user = await createTestUser();
    const api = client();
    const guesser = await login(api, user);
    const other = await login(api, user);
    const change = (token: string, current: string) =>
      api('/api/v1/auth/change-password', {
        token,
        json: { current_password: current, new_password: `${user.password}-Renewed` },
      });
    for (let i = 1; i <= 5; i += 1) {
      expectV1Error(await change(guesser.access, `wrong-${i}`), 400, 'INVALID_CURRENT_PASSWORD');
    }
    expectV1Error(await api('/api/v1/profile', { token: guesser.access }), 401);
    const limited = await change(other.access, user.password);
    expectV1Error(limited, 429, 'RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    // The password did not change, and the other session lives on.
    expectStatus(await api('/api/v1/profile', { token: other.access }), 200);
  });

  it('/client and /api/v1 count against the same account', async () => {
    const user = await createTestUser();
    const api = client();
    const v1 = await login(api, user);
    const clientLogin = await api<{ token: string }>(
      '/client/auth/login',
      loginBody(user.email, user.password),
    );
    const clientToken = clientLogin.json.token;
    for (let i = 0; i < 3; i += 1) {
      const res = await api('/api/v1/auth/change-password', {
        token: v1.access,
        json: { current_password: `wrong-${i}`, new_password: `${user.password}-Renewed` },
      });
      expectV1Error(res, 400, 'INVALID_CURRENT_PASSWORD');
    }
    for (let i = 0; i < 2; i += 1) {
      const res = await api('/client/auth/change-password', {
        token: clientToken,
        json: { old_password: `wrong-${i}`, new_password: `${user.password}-Renewed` },
      });
      expect(res.status, explain(res)).toBe(400);
    }
    // The fifth came from /client: that token has ended.
    expect((await api('/client/profile', { token: clientToken })).status).toBe(401);
    const res = await api('/api/v1/auth/change-password', {
      token: v1.access,
      json: { current_password: user.password, new_password: `${user.password}-Renewed` },
    });
    expectV1Error(res, 429, 'RATE_LIMITED');
  });
});

describe("NextAuth's session endpoint (item 7)", () => {
  it('answers an empty session, and renews no cookie, once the session is revoked', async () => {
    const user = await createTestUser();
    const api = client();
    const cookie = await browserSignIn(api, user);
    expect(cookie).not.toBeNull();
    const before = await api<{ user?: { email?: string } }>('/api/auth/session', {
      headers: { cookie: cookie ?? '' },
    });
    expectStatus(before, 200);
    expect(before.json.user?.email).toBe(user.email);

    // A password change elsewhere ends the browser session.
    const v1 = await login(api, user);
    expectStatus(
      await api('/api/v1/auth/change-password', {
        token: v1.access,
        json: { current_password: user.password, new_password: `${user.password}-Renewed` },
      }),
      200,
    );
    const after = await api<Record<string, unknown>>('/api/auth/session', {
      headers: { cookie: cookie ?? '' },
    });
    expectStatus(after, 200);
    expect(after.json).toEqual({});
    expect(after.text).not.toContain(user.email);
    // The cookie is cleared, not renewed.
    for (const pair of cookiePairs(after.headers).filter((c) => c.includes('portal.session'))) {
      expect(pair).toMatch(/=$/);
    }
  });
});
