/**
 * Document 4 at /v1/auth, replayed over HTTP: each example's path, body, fields and message, its
 * one-hour tokens renewed by bearer, the permissions from the portal's table, the reset that never
 * says whether an address is registered, its 400/401/409 errors as `{"error"}`, and JSON for every
 * /v1 path.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordSecret } from '../support/artifacts';
import { disconnectAfterAll } from '../support/db';
import { client, type ApiResponse } from '../support/http';
import { createTestUser } from '../support/users';
import { expectNoStackTrace, explain, jwtPart } from '../support/v1';

disconnectAfterAll();

const api = client();

interface SignedIn {
  message: string;
  user: { user_id: number; email: string; first_name: string; last_name: string; role: string };
  token: string;
  expires_in: number;
}

function expectError(res: ApiResponse<unknown>, status: number, error?: string): void {
  expect(res.status, explain(res)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body = res.json as { error?: unknown };
  expect(typeof body.error, explain(res)).toBe('string');
  if (error) expect(body.error).toBe(error);
  expectNoStackTrace(res);
}

const newAddress = () => `gg-${randomBytes(6).toString('hex')}@example.test`;

describe('document 4 (/v1/auth)', () => {
  it("registers with the document's body and answers its shape, then logs in", async () => {
    const email = newAddress();
    const password = `GigGatek-${randomBytes(9).toString('base64url')}!`;
    recordSecret('password', password);
    const body = { email, password, first_name: 'John', last_name: 'Doe', phone: '555-123-4567' };
    const res = await api<SignedIn>('/v1/auth/register', { json: body });
    expect(res.status, explain(res)).toBe(201);
    expect(res.json).toEqual({
      message: 'User registered successfully',
      user: {
        user_id: expect.any(Number),
        email,
        first_name: 'John',
        last_name: 'Doe',
        role: 'CUSTOMER',
      },
      token: expect.any(String),
      expires_in: 3600,
    });
    expectError(await api('/v1/auth/register', { json: body }), 409, 'Email already registered');

    const login = await api<SignedIn>('/v1/auth/login', { json: { email, password } });
    expect(login.status).toBe(200);
    expect(login.json.message).toBe('Login successful');
    expect(login.json.user.user_id).toBe(res.json.user.user_id);
    const claims = jwtPart(login.json.token, 1) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('answers status, permissions, refresh and logout with the bearer', async () => {
    const user = await createTestUser({ firstName: 'Ada', lastName: 'Byron' });
    const { json: login } = await api<SignedIn>('/v1/auth/login', {
      json: { email: user.email, password: user.password },
    });
    const token = login.token;
    const status = await api('/v1/auth/status', { token });
    expect(status.status).toBe(200);
    expect(status.json).toEqual({
      authenticated: true,
      user: {
        user_id: user.id,
        email: user.email,
        first_name: 'Ada',
        last_name: 'Byron',
        role: 'CUSTOMER',
      },
    });
    const permissions = await api<{ permissions: string[] }>('/v1/auth/user/permissions', {
      token,
    });
    expect(permissions.status).toBe(200);
    expect(permissions.json.permissions).toEqual(
      expect.arrayContaining([
        'VIEW_PRODUCTS',
        'VIEW_OWN_ORDERS',
        'VIEW_OWN_PROFILE',
        'EDIT_OWN_PROFILE',
      ]),
    );
    expect(permissions.json.permissions).not.toContain('VIEW_ALL_TICKETS');

    const refreshed = await api<{ message: string; token: string; expires_in: number }>(
      '/v1/auth/refresh',
      { method: 'POST', token },
    );
    expect(refreshed.status, explain(refreshed)).toBe(200);
    expect(refreshed.json.message).toBe('Token refreshed successfully');
    expect(refreshed.json.expires_in).toBe(3600);
    expect(jwtPart(refreshed.json.token, 1).sid).toBe(jwtPart(token, 1).sid);

    const out = await api('/v1/auth/logout', { method: 'POST', token: refreshed.json.token });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ message: 'Logout successful' });
    for (const path of ['/v1/auth/status', '/v1/auth/user/permissions']) {
      expectError(await api(path, { token }), 401);
    }
    expectError(await api('/v1/auth/refresh', { method: 'POST', token }), 401);
  });

  it('lists the staff permissions for an agent', async () => {
    const agent = await createTestUser({ role: 'SUPPORT_AGENT' });
    const { json: login } = await api<SignedIn>('/v1/auth/login', {
      json: { email: agent.email, password: agent.password },
    });
    expect(login.user.role).toBe('SUPPORT_AGENT');
    const res = await api<{ permissions: string[] }>('/v1/auth/user/permissions', {
      token: login.token,
    });
    expect(res.json.permissions).toEqual(
      expect.arrayContaining(['VIEW_ALL_TICKETS', 'REPLY_TICKETS']),
    );
  });

  it('never says whether an address is registered: login 401 and the same reset answer', async () => {
    const user = await createTestUser();
    expectError(
      await api('/v1/auth/login', { json: { email: user.email, password: `${user.password}x` } }),
      401,
      'Invalid email or password',
    );
    expectError(
      await api('/v1/auth/login', { json: { email: newAddress(), password: user.password } }),
      401,
      'Invalid email or password',
    );
    const known = await api('/v1/auth/password/reset', { json: { email: user.email } });
    const unknown = await api('/v1/auth/password/reset', { json: { email: newAddress() } });
    expect(known.status).toBe(200);
    expect(known.json).toEqual({
      message: 'If your email is registered, you will receive a password reset link',
    });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual(known.json);
    expectError(
      await api('/v1/auth/password/reset/confirm', {
        json: { token: 'reset_token_123', password: `New-${randomBytes(9).toString('base64url')}` },
      }),
      400,
    );
  });

  it('answers 400 for a missing field, 401 for a bad token, and JSON for unknown /v1 paths', async () => {
    expectError(await api('/v1/auth/login', { json: { password: 'x' } }), 400);
    expectError(await api('/v1/auth/status', { token: 'not.a.token' }), 401);
    expectError(await api('/v1/auth/status'), 401);
    expectError(await api('/v1/no/such/path'), 404);
    expectError(await api('/v1/auth/login', { method: 'GET' }), 405);
  });
});
