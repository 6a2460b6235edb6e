/**
 * lib/auth/sign-in: one answer for unknown e-mail and wrong password, case-insensitive
 * e-mail, inactive accounts, the session row, and the per-account burst limit.
 */
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { signIn } from '@/lib/auth/sign-in';
import { createTestUser, randomIp } from '../support/users';
import { rejectionView, type ErrorView } from '../support/errors';

type Attempt = { email: string; password: string; ip?: string };

function attempt({ email, password, ip }: Attempt) {
  return signIn({ email, password, surface: 'BROWSER', ip: ip ?? randomIp(), userAgent: 'vitest' });
}

const failure = (input: Attempt): Promise<ErrorView> => rejectionView(attempt(input));

describe('signIn', () => {
  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const user = await createTestUser();
    // The same request shape succeeds with the right password.
    await expect(attempt(user)).resolves.toMatchObject({ user: { id: user.id } });

    const wrong = await failure({ ...user, password: `${user.password}x` });
    const unknown = await failure({ ...user, email: `nobody-${user.email}` });

    for (const err of [wrong, unknown]) {
      expect(err.status).toBe(401);
      expect(err.code).toBe('INVALID_CREDENTIALS');
    }
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.headers).toEqual(wrong.headers);
  });

  it('matches the e-mail regardless of case and surrounding spaces', async () => {
    const user = await createTestUser();
    const result = await attempt({ ...user, email: `  ${user.email.toUpperCase()} ` });
    expect(result.user).toMatchObject({ id: user.id, email: user.email });
  });

  it('refuses an inactive account with ACCOUNT_INACTIVE only when the password is right', async () => {
    const user = await createTestUser({ active: false });

    const wrong = await failure({ ...user, password: `${user.password}x` });
    expect(wrong.code).toBe('INVALID_CREDENTIALS');

    const right = await failure(user);
    expect(right.status).toBe(401);
    expect(right.code).toBe('ACCOUNT_INACTIVE');
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastLoginAt).toBeNull();
  });

  it('creates a session row and records the last login', async () => {
    const user = await createTestUser();
    const ip = randomIp();
    const before = Date.now();

    const { user: signedIn, session } = await attempt({ ...user, ip });

    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ userId: user.id, surface: 'BROWSER', ip, revokedAt: null });
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(row.idleExpiresAt.getTime()).toBeGreaterThan(before);
    expect(row.absoluteExpiresAt.getTime() - row.createdAt.getTime()).toBe(
      getEnv().SESSION_ABSOLUTE_HOURS * 3600_000,
    );
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lastLoginAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(signedIn.lastLoginAt?.getTime()).toBe(stored.lastLoginAt?.getTime());
    expect(signedIn).not.toHaveProperty('passwordHash');
  });

  it('after the burst of failures refuses even the right password with Retry-After', async () => {
    const user = await createTestUser();
    const burst = getEnv().RATE_LIMIT_LOGIN_ACCOUNT_BURST;
    // Under the per-address limit, so only the per-account limit can trip.
    expect(burst).toBeLessThan(getEnv().RATE_LIMIT_LOGIN_IP_PER_MINUTE);
    const ip = randomIp();

    for (let i = 0; i < burst; i += 1) {
      const err = await failure({ ...user, password: `wrong-${i}`, ip });
      expect(err.code).toBe('INVALID_CREDENTIALS');
    }
    const limited = await failure({ ...user, ip });
    expect(limited.status).toBe(429);
    expect(limited.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['Retry-After']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(getEnv().RATE_LIMIT_LOGIN_ACCOUNT_BURST_MINUTES * 60);

    // The burst is per account and address (issue 7): one address cannot lock the account for
    // everyone, so the right password still works from another address ...
    await expect(attempt({ ...user, ip: randomIp() })).resolves.toMatchObject({
      user: { id: user.id },
    });
    // ... and another account is unaffected.
    const other = await createTestUser();
    await expect(attempt({ ...other, ip })).resolves.toMatchObject({ user: { id: other.id } });
  });

  it('a success resets the burst counter', async () => {
    const user = await createTestUser();
    const burst = getEnv().RATE_LIMIT_LOGIN_ACCOUNT_BURST;
    for (let i = 0; i < burst - 1; i += 1) await failure({ ...user, password: `wrong-${i}` });
    await attempt(user);
    for (let i = 0; i < burst - 1; i += 1) await failure({ ...user, password: `again-${i}` });
    await expect(attempt(user)).resolves.toMatchObject({ user: { id: user.id } });
  });
});
