/**
 * Document 3 at /api/auth, replayed over HTTP: each example's path, body, status and fields, its
 * `{"error"}` answers (400 for login and register failures, 401 `{"error": "Unauthorized"}` for a
 * missing or bad token), its one-hour tokens, and NextAuth's own routes still answering beside it.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordSecret } from '../support/artifacts';
import { disconnectAfterAll } from '../support/db';
import { client, type ApiResponse } from '../support/http';
import { createTestUser } from '../support/users';
import { expectNoStackTrace, explain, jwtPart, login as v1Login } from '../support/v1';

disconnectAfterAll();

const api = client();

interface LoginJson {
  token: string;
  user: { id: string; email: string; role: string };
}

function expectError(res: ApiResponse<unknown>, status: number, error?: string): void {
  expect(res.status, explain(res)).toBe(status);
  const body = res.json as { error?: unknown };
  expect(typeof body.error, explain(res)).toBe('string');
  if (error) expect(body.error).toBe(error);
  expectNoStackTrace(res);
}

async function login(email: string, password: string) {
  const res = await api<LoginJson>('/api/auth/login', { json: { email, password } });
  expect(res.status, explain(res)).toBe(200);
  return res.json;
}

describe('document 3 (/api/auth)', () => {
  it('logs in with a one-hour token and answers me, then logs out', async () => {
    const user = await createTestUser();
    const { token, user: who } = await login(user.email, user.password);
    expect(who).toEqual({ id: String(user.id), email: user.email, role: 'customer' });
    const claims = jwtPart(token, 1) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(3600);
    expect(jwtPart(token, 0).alg).toBe('HS256');

    const me = await api<{ user: LoginJson['user'] }>('/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user: who });

    const out = await api('/api/auth/logout', { method: 'POST', token });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ message: 'Logged out successfully' });
    expectError(await api('/api/auth/me', { token }), 401, 'Unauthorized');
  });

  it('answers 400 {"error"} for a wrong password, and 401 "Unauthorized" without a token', async () => {
    const user = await createTestUser();
    const wrong = await api('/api/auth/login', {
      json: { email: user.email, password: `${user.password}x` },
    });
    expectError(wrong, 400, 'Invalid email or password');
    expectError(await api('/api/auth/login', { json: { email: user.email } }), 400);
    expectError(await api('/api/auth/me'), 401, 'Unauthorized');
    expectError(await api('/api/auth/me', { token: 'not.a.jwt' }), 401, 'Unauthorized');
    // A token of another surface is no token here.
    const { access } = await v1Login(api, user);
    expectError(await api('/api/auth/me', { token: access }), 401, 'Unauthorized');
  });

  it('registers with {email, password}, and answers a taken address 400', async () => {
    const email = `doc3-${randomBytes(6).toString('hex')}@example.test`;
    const password = `Doc-Three-${randomBytes(9).toString('base64url')}`;
    recordSecret('password', password);
    const res = await api<{ message: string; user: { id: string; email: string } }>(
      '/api/auth/register',
      { json: { email, password } },
    );
    expect(res.status, explain(res)).toBe(200);
    expect(res.json.message).toMatch(/e-mail/);
    expect(res.json.user).toEqual({ id: expect.stringMatching(/^\d+$/), email });
    expectError(
      await api('/api/auth/register', { json: { email, password } }),
      400,
      'Email already registered',
    );
    expectError(await api('/api/auth/register', { json: { email: 'x', password: 'short' } }), 400);
    // Sign-in works before the address is verified.
    expect((await login(email, password)).user.email).toBe(email);
  });

  it('changes the password with a new token for a new session, ending the others', async () => {
    const user = await createTestUser();
    const first = await login(user.email, user.password);
    const other = await login(user.email, user.password);
    const newPassword = `Doc-Three-New-${randomBytes(9).toString('base64url')}`;
    recordSecret('password', newPassword);
    const res = await api<{ message: string; token: string }>('/api/auth/change-password', {
      token: first.token,
      json: { currentPassword: user.password, newPassword },
    });
    expect(res.status, explain(res)).toBe(200);
    expect(res.json.message).toBe('Password changed successfully');
    expect(res.json.token).not.toBe(first.token);
    expectError(await api('/api/auth/me', { token: first.token }), 401, 'Unauthorized');
    expectError(await api('/api/auth/me', { token: other.token }), 401, 'Unauthorized');
    expect((await api('/api/auth/me', { token: res.json.token })).status).toBe(200);
    expectError(
      await api('/api/auth/change-password', {
        token: res.json.token,
        json: { currentPassword: 'wrong-password-here', newPassword },
      }),
      400,
    );
  });

  it('ends the session that guesses the current password five times', async () => {
    const user = await createTestUser();
    const { token } = await login(user.email, user.password);
    for (let i = 0; i < 5; i += 1) {
      expectError(
        await api('/api/auth/change-password', {
          token,
          json: {
            currentPassword: `wrong-guess-${i}-password`,
            newPassword: `${user.password}-new`,
          },
        }),
        400,
      );
    }
    expectError(await api('/api/auth/me', { token }), 401, 'Unauthorized');
  });

  it("leaves NextAuth's own routes answering beside it", async () => {
    const csrf = await api<{ csrfToken?: string }>('/api/auth/csrf');
    expect(csrf.status).toBe(200);
    expect(typeof csrf.json.csrfToken).toBe('string');
    expect((await api('/api/auth/providers')).status).toBe(200);
  });
});
