/**
 * Redis configured but unreachable: the store reports 'memory-fallback' and the limits still
 * hold, per process, for the plain limiter and for sign-in. Its own file (module instance),
 * with the environment set before the modules are imported.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

process.env.REDIS_URL = 'redis://127.0.0.1:1';
process.env.LOG_LEVEL = 'silent';
process.env.RATE_LIMIT_LOGIN_IP_PER_MINUTE = '5';
process.env.RATE_LIMIT_LOGIN_ACCOUNT_BURST = '3';

const limits = await import('@/lib/rate-limit');
const { signIn } = await import('@/lib/auth/sign-in');
const { createTestUser, randomIp } = await import('../support/users');
const { rejectionView } = await import('../support/errors');

afterAll(() => {
  const store = (globalThis as { portalRateLimits?: { redis: { disconnect(): void } | null } })
    .portalRateLimits;
  store?.redis?.disconnect();
});

describe('rate limits with Redis unreachable', () => {
  it('reports the memory fallback and still rejects past the limit', async () => {
    expect(limits.rateLimitStoreStatus()).toBe('memory-fallback');
    const key = `vitest-${randomBytes(6).toString('hex')}`;

    const states = [];
    for (let i = 0; i < 6; i += 1) states.push(await limits.consume('login-ip', key));

    expect(states.map((s) => s.allowed)).toEqual([true, true, true, true, true, false]);
    expect(states[4]).toMatchObject({ limit: 5, remaining: 0 });
    expect(states[5]?.resetSeconds).toBeGreaterThan(0);
    expect(await limits.peek('login-ip', key)).toMatchObject({ allowed: false });
    // Another key is counted separately.
    expect((await limits.consume('login-ip', `${key}-other`)).allowed).toBe(true);
    expect(limits.rateLimitStoreStatus()).toBe('memory-fallback');
  });

  it('sign-in limits still hold: the account burst, then the right password is refused', async () => {
    const user = await createTestUser();
    const ip = randomIp();
    // The burst window is per account and address (issue 7): the failures come from one address.
    const failingIp = randomIp();
    const attempt = (password: string) =>
      signIn({ email: user.email, password, surface: 'API_V1', ip: failingIp });

    for (let i = 0; i < 3; i += 1) {
      await expect(attempt(`wrong-${i}`)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    expect(await rejectionView(attempt(user.password))).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      headers: { 'Retry-After': expect.stringMatching(/^[1-9]\d*$/) },
    });

    // The per-address limit too: 5 a minute from one address, whatever the account.
    const other = await createTestUser();
    const fromIp = () =>
      signIn({ email: other.email, password: other.password, surface: 'API_V1', ip });
    for (let i = 0; i < 5; i += 1) await expect(fromIp()).resolves.toBeDefined();
    expect(await rejectionView(fromIp())).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });
});
