import { describe, expect, it } from 'vitest';
import { disconnectAfterAll } from '../support/db';
import { client, refusedLogins } from '../support/http';
import { createTestUser } from '../support/users';
import {
  expectStatus,
  expectV1Error,
  explain,
  ISO_SECONDS,
  jwtPart,
  login,
  profile,
  refreshWith,
  rotate,
  signedIn,
  type LoginData,
  type TokenData,
  type V1Success,
} from '../support/v1';

/** Document 5 (shared/contracts/5-xmus-crm-auth-api.md), exactly as clients program against it. */
disconnectAfterAll();

describe('document 5: login', () => {
  it('answers the documented envelope, field names and types', async () => {
    const user = await createTestUser();
    const api = client();
    const before = Date.now();
    const res = await api<V1Success<LoginData>>('/api/v1/auth/login', {
      json: { email: user.email, password: user.password },
    });
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.json).sort()).toEqual(['data', 'message', 'success']);
    expect(res.json.success).toBe(true);
    expect(res.json.message).toBe('Login successful');

    const data = res.json.data;
    expect(Object.keys(data).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'user',
    ]);
    expect(data.expires_in).toBe(900);
    expect(typeof data.access_token).toBe('string');
    expect(typeof data.refresh_token).toBe('string');
    expect(data.refresh_token).not.toBe(data.access_token);
    // Opaque and 256 bits: at least 43 base64url characters.
    expect(data.refresh_token.length).toBeGreaterThanOrEqual(43);

    expect(Object.keys(data.user).sort()).toEqual([
      'email',
      'first_name',
      'id',
      'is_active',
      'last_login',
      'last_name',
    ]);
    const { last_login: lastLogin, ...rest } = data.user;
    expect(rest).toEqual({
      id: user.id,
      email: user.email,
      first_name: 'Test',
      last_name: expect.stringMatching(/^Customer [0-9a-f]+$/),
      is_active: true,
    });
    expect(Number.isInteger(data.user.id)).toBe(true);
    expect(lastLogin).toMatch(ISO_SECONDS);
    const loggedAt = Date.parse(lastLogin ?? '');
    expect(loggedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(loggedAt).toBeLessThanOrEqual(Date.now() + 1000);

    // A JWT (HS256) that lives exactly 15 minutes.
    expect(data.access_token.split('.')).toHaveLength(3);
    expect(jwtPart(data.access_token, 0)).toMatchObject({ alg: 'HS256' });
    const claims = jwtPart(data.access_token, 1);
    expect(claims.sub).toBe(String(user.id));
    expect(typeof claims.sid).toBe('string');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
  });

  it('answers 401 with the same message for a wrong password and an unknown e-mail', async () => {
    const { user, api } = await signedIn();
    const { wrong, unknown } = await refusedLogins(api, '/api/v1/auth/login', user);
    const a = expectV1Error(wrong, 401, 'INVALID_CREDENTIALS');
    const b = expectV1Error(unknown, 401, 'INVALID_CREDENTIALS');
    expect(a.message).toBe(b.message);
    expect(a.errors).toEqual(b.errors);
  });

  it('refuses an inactive account with 401, though its password is right', async () => {
    const active = await createTestUser();
    const inactive = await createTestUser({ active: false });
    const api = client();
    await login(api, active);
    const res = await api('/api/v1/auth/login', {
      json: { email: inactive.email, password: inactive.password },
    });
    expectV1Error(res, 401, 'ACCOUNT_INACTIVE');
  });

  it('answers 400 in the envelope when validation fails', async () => {
    const user = await createTestUser();
    const api = client();
    await login(api, user);
    const res = await api('/api/v1/auth/login', { json: { email: 'not-an-email', password: '' } });
    const body = expectV1Error(res, 400, 'VALIDATION_FAILED');
    expect(body.errors.some((e) => e.startsWith('email'))).toBe(true);
    expect(body.errors.some((e) => e.startsWith('password'))).toBe(true);
  });

  it('echoes a caller-supplied X-Request-Id in the header and the envelope', async () => {
    const api = client();
    const ok = await api('/api/v1/openapi.json', { headers: { 'x-request-id': 'abc-12345678' } });
    expectStatus(ok, 200);
    expect(ok.headers.get('x-request-id')).toBe('abc-12345678');
    const res = await api('/api/v1/auth/login', {
      json: { email: 'x' },
      headers: { 'x-request-id': 'contract5-req-0001' },
    });
    expect(expectV1Error(res, 400).request_id).toBe('contract5-req-0001');
  });
});

describe('document 5: refresh, logout, profile', () => {
  it('refresh answers the documented shape with a new refresh token', async () => {
    const { api, token: access, refresh } = await signedIn();
    const res = await refreshWith(api, refresh);
    expectStatus(res, 200);
    expect(Object.keys(res.json).sort()).toEqual(['data', 'message', 'success']);
    expect(res.json.success).toBe(true);
    expect(res.json.message).toBe('Token refreshed successfully');
    const data: TokenData = res.json.data;
    expect(Object.keys(data).sort()).toEqual(['access_token', 'expires_in', 'refresh_token']);
    expect(data.expires_in).toBe(900);
    expect(data.refresh_token === refresh).toBe(false);
    expect(data.access_token === access).toBe(false);
    expect(jwtPart(data.access_token, 0)).toMatchObject({ alg: 'HS256' });
    expect(jwtPart(data.access_token, 1).sid).toBe(jwtPart(access, 1).sid);
    expectStatus(await profile(api, data.access_token), 200);
  });

  it('profile puts user_id at the top level', async () => {
    const { user, api, token } = await signedIn();
    const res = await profile(api, token);
    expectStatus(res, 200);
    expect(res.json).toEqual({
      success: true,
      message: 'Access granted to protected route',
      user_id: user.id,
    });
    expectV1Error(await profile(api), 401, 'UNAUTHENTICATED');
  });

  it('logout answers exactly success and message, and ends the session', async () => {
    const { api, token: access, refresh } = await signedIn();
    expectStatus(await profile(api, access), 200);
    const res = await api('/api/v1/auth/logout', { json: { refresh_token: refresh } });
    expectStatus(res, 200);
    expect(res.json).toEqual({ success: true, message: 'Logged out successfully' });
    expectV1Error(await profile(api, access), 401);
    expectV1Error(await refreshWith(api, refresh), 401);
  });
});

describe('document 2 variants on the shared refresh and logout', () => {
  it('refreshes with a bearer token alone and no body', async () => {
    const user = await createTestUser();
    const api = client();
    const first = await login(api, user);
    const res = await api<V1Success<TokenData>>('/api/v1/auth/refresh', {
      method: 'POST',
      token: first.access,
    });
    expectStatus(res, 200);
    expect(res.json.message).toBe('Token refreshed successfully');
    expect(res.json.data.expires_in).toBe(900);
    expectStatus(await profile(api, res.json.data.access_token), 200);
    // Exactly one refresh token is live: the newest works, the login's is retired.
    await rotate(api, res.json.data.refresh_token);
    expectV1Error(await refreshWith(api, first.refresh), 401);
  });

  it('logs out with a bearer token alone and no body', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    expectStatus(await profile(api, access), 200);
    const res = await api('/api/v1/auth/logout', { method: 'POST', token: access });
    expectStatus(res, 200);
    expect(res.json).toEqual({ success: true, message: 'Logged out successfully' });
    expectV1Error(await profile(api, access), 401, 'SESSION_REVOKED');
  });

  it('accepts JSON without a JSON Content-Type from a bearer client', async () => {
    const user = await createTestUser();
    const api = client();
    const { access, refresh } = await login(api, user);
    // A byte body: fetch adds no Content-Type at all.
    const bare = await api<V1Success<TokenData>>('/api/v1/auth/refresh', {
      method: 'POST',
      token: access,
      body: new TextEncoder().encode(JSON.stringify({ refresh_token: refresh })),
    });
    expectStatus(bare, 200);
    expect(bare.json.message).toBe('Token refreshed successfully');
    // What `curl -d` sends when no header is given.
    const curl = await api('/api/v1/auth/logout', {
      method: 'POST',
      token: bare.json.data.access_token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ refresh_token: bare.json.data.refresh_token }),
    });
    expectStatus(curl, 200);
    expect(curl.json).toEqual({ success: true, message: 'Logged out successfully' });
  });

  it('a stale bearer token does not block a refresh that carries its own token', async () => {
    const user = await createTestUser();
    const api = client();
    const { refresh } = await login(api, user);
    const res = await api('/api/v1/auth/refresh', {
      json: { refresh_token: refresh },
      token: 'not.a.token',
    });
    expect(res.status, explain(res)).toBe(200);
  });
});
