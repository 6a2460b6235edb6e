import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { recordSecret } from '../support/artifacts';
import { disconnectAfterAll } from '../support/db';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import {
  expectStatus,
  expectV1Error,
  login,
  profile,
  refreshWith,
  rotate,
  signedIn,
  type ApiClient,
  type TokenData,
  type V1Success,
} from '../support/v1';

disconnectAfterAll();

function newPassword(): string {
  const password = `New-Pass-${randomBytes(9).toString('base64url')}`;
  recordSecret('password', password);
  return password;
}

function changePassword(api: ApiClient, token: string, body: Record<string, unknown>) {
  return api('/api/v1/auth/change-password', { json: body, token });
}

describe('an account that must change its password', () => {
  it('can sign in, refresh and change the password; nothing else until then', async () => {
    const user = await createTestUser({ forcePasswordChange: true });
    const api = client();
    const first = await login(api, user);
    expectV1Error(await profile(api, first.access), 403, 'PASSWORD_CHANGE_REQUIRED');
    // Public endpoints answer anyone; an unknown path is still a plain 404.
    expect((await api('/api/health', { token: first.access })).status).toBe(200);
    expectV1Error(await api('/api/v1/xyz', { token: first.access }), 404, 'NOT_FOUND');

    const second = await rotate(api, first.refresh);
    const byBearer = await api<V1Success<TokenData>>('/api/v1/auth/refresh', {
      method: 'POST',
      token: second.access,
    });
    expectStatus(byBearer, 200);
    const access = byBearer.json.data.access_token;
    expectV1Error(await profile(api, access), 403, 'PASSWORD_CHANGE_REQUIRED');

    const next = newPassword();
    const res = await changePassword(api, access, {
      current_password: user.password,
      new_password: next,
    });
    expectStatus(res, 200);
    expect(res.json).toEqual({ success: true, message: 'Password changed successfully' });

    const after = await profile(api, access);
    expectStatus(after, 200);
    expect(after.json).toMatchObject({ user_id: user.id });
    expectV1Error(
      await api('/api/v1/auth/login', { json: { email: user.email, password: user.password } }),
      401,
      'INVALID_CREDENTIALS',
    );
    await login(api, { email: user.email, password: next });
  });

  it('can log out while the change is pending', async () => {
    const user = await createTestUser({ forcePasswordChange: true });
    const api = client();
    const { access, refresh } = await login(api, user);
    expectV1Error(await profile(api, access), 403, 'PASSWORD_CHANGE_REQUIRED');
    const res = await api('/api/v1/auth/logout', { method: 'POST', token: access });
    expectStatus(res, 200);
    expectV1Error(await profile(api, access), 401);
    expectV1Error(await refreshWith(api, refresh), 401);
  });

  it('reads the flag from the database on every request, not from the token', async () => {
    const { userId, api, token } = await signedIn();
    const mustChange = (flag: boolean) =>
      db.user.update({ where: { id: userId }, data: { forcePasswordChange: flag } });
    expectStatus(await profile(api, token), 200);
    await mustChange(true);
    expectV1Error(await profile(api, token), 403, 'PASSWORD_CHANGE_REQUIRED');
    await mustChange(false);
    expectStatus(await profile(api, token), 200);
  });
});

describe('POST /api/v1/auth/change-password', () => {
  it('refuses a wrong current password and weak, common or out-of-range new ones', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    const current = newPassword();
    expectStatus(
      await changePassword(api, access, { current_password: user.password, new_password: current }),
      200,
    );

    const wrong = await changePassword(api, access, {
      current_password: user.password,
      new_password: newPassword(),
    });
    const wrongBody = expectV1Error(wrong, 400, 'INVALID_CURRENT_PASSWORD');
    expect(wrongBody.errors.join(' ')).toMatch(/current_password/);

    const cases: Array<[string, RegExp]> = [
      ['short-pass1', /at least 12/],
      ['1qaz2wsx3edc', /common/],
      ['QWERTY123456', /common/],
      [`x${'y'.repeat(128)}`, /at most 128/],
    ];
    for (const [candidate, detail] of cases) {
      const res = await changePassword(api, access, {
        current_password: current,
        new_password: candidate,
      });
      const body = expectV1Error(res, 400, 'VALIDATION_FAILED');
      expect(body.errors.some((e) => e.startsWith('new_password') && detail.test(e))).toBe(true);
    }
    expectV1Error(
      await changePassword(api, access, { current_password: current, new_password: current }),
      400,
      'WEAK_PASSWORD',
    );
    const missing = expectV1Error(
      await changePassword(api, access, { current_password: current }),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.errors.some((e) => e.startsWith('new_password'))).toBe(true);

    // None of the refusals changed anything.
    await login(api, { email: user.email, password: current });
  });

  it('ends every other session and keeps the current one', async () => {
    const user = await createTestUser();
    const api = client();
    const mine = await login(api, user);
    const other = await login(client(), user);
    expectStatus(await profile(api, mine.access), 200);
    expectStatus(await profile(api, other.access), 200);

    expectStatus(
      await changePassword(api, mine.access, {
        current_password: user.password,
        new_password: newPassword(),
      }),
      200,
    );
    expectStatus(await profile(api, mine.access), 200);
    expectV1Error(await profile(api, other.access), 401, 'SESSION_REVOKED');
    expectV1Error(await refreshWith(api, other.refresh), 401);
    const renewed = await rotate(api, mine.refresh);
    expectStatus(await profile(api, renewed.access), 200);
  });

  it('requires authentication', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    const next = newPassword();
    const body = { current_password: user.password, new_password: next };
    expectStatus(await changePassword(api, access, body), 200);
    const again = { current_password: next, new_password: newPassword() };
    expectV1Error(await api('/api/v1/auth/change-password', { json: again }), 401);
    expectV1Error(await changePassword(api, 'not.a.token', again), 401);
  });
});

describe('every character of a password counts', () => {
  it('a password differing only after character 72 does not sign in', async () => {
    const head = `Long-${randomBytes(60).toString('base64url')}`.slice(0, 72);
    const password = `${head}${randomBytes(21).toString('base64url')}`;
    expect(password).toHaveLength(100);
    const user = await createTestUser({ password });
    const api = client();
    await login(api, user);

    const tail = 'Z'.repeat(28);
    expect(password.endsWith(tail)).toBe(false);
    for (const attempt of [`${head}${tail}`, head]) {
      const res = await api('/api/v1/auth/login', {
        json: { email: user.email, password: attempt },
      });
      expectV1Error(res, 401, 'INVALID_CREDENTIALS');
    }
  });
});
