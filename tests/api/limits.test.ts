import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { disconnectAfterAll } from '../support/db';
import { STRICT_BASE_URL, client, type ApiResponse } from '../support/http';
import { createTestUser, randomIp } from '../support/users';
import { expectStatus, expectV1Error, explain, login, profile } from '../support/v1';

/** Many bcrypt sign-ins or requests in a row: generous on a loaded two-core machine. */
const SLOW = { timeout: 90_000 };

disconnectAfterAll();

/** A 429 in the envelope with Retry-After in whole seconds, at most `maxSeconds`. */
function expectRateLimited(res: ApiResponse<unknown>, maxSeconds: number): number {
  expectV1Error(res, 429, 'RATE_LIMITED');
  const retryAfter = res.headers.get('retry-after') ?? '';
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  return seconds;
}

describe('sign-in limits', () => {
  it(
    'locks an account for the address that keeps failing, even for the right password, and for no other',
    SLOW,
    async () => {
      const user = await createTestUser();
      await login(client(), user);

      // The burst window is per account and address (issue 7): one address cannot lock the
      // account for everyone.
      const attacker = client();
      const statuses: number[] = [];
      let limited: ApiResponse<unknown> | undefined;
      for (let i = 0; i < 15 && !limited; i += 1) {
        // Spelling variants of the address are one account.
        const email = i % 2 === 0 ? user.email.toUpperCase() : ` ${user.email} `;
        const res = await attacker('/api/v1/auth/login', {
          json: { email, password: `wrong-${i}-password` },
        });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
        else expectV1Error(res, 401, 'INVALID_CREDENTIALS');
      }
      expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
      // A tight burst, but not after a single failure.
      expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(3);
      if (limited) expectRateLimited(limited, 3600);

      const right = await attacker('/api/v1/auth/login', {
        json: { email: user.email, password: user.password },
      });
      expectRateLimited(right, 3600);
      // The customer, from their own address, still signs in.
      await login(client(), user);
      // Other accounts are unaffected.
      await login(client(), await createTestUser());
    },
  );

  it(
    'limits one client address on a server that trusts no proxy, whatever X-Forwarded-For says',
    SLOW,
    async () => {
      // All requests to the strict server come from 127.0.0.1: this is its only test.
      const user = await createTestUser();
      const strict = (ip: string) => client({ baseUrl: STRICT_BASE_URL, ip });
      await login(strict(randomIp()), user);

      const statuses: number[] = [];
      let limited: ApiResponse<unknown> | undefined;
      for (let i = 0; i < 40 && !limited; i += 1) {
        const email = `nobody-${randomBytes(6).toString('hex')}@example.test`;
        const res = await strict(randomIp())('/api/v1/auth/login', {
          json: { email, password: 'wrong-password-123' },
        });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
        else expectV1Error(res, 401, 'INVALID_CREDENTIALS');
      }
      expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
      expect(statuses.length).toBeLessThanOrEqual(31);
      if (limited) expectRateLimited(limited, 60);
      const right = await strict(randomIp())('/api/v1/auth/login', {
        json: { email: user.email, password: user.password },
      });
      expectRateLimited(right, 60);
    },
  );
});

describe('general API limit', () => {
  it('allows 100 requests a minute per user with RateLimit headers, then 429', SLOW, async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);

    let previous = Number.POSITIVE_INFINITY;
    for (let i = 1; i <= 100; i += 1) {
      const res = await profile(api, access);
      expect(res.status, `request ${i}: ${explain(res)}`).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('100');
      const remaining = Number(res.headers.get('ratelimit-remaining'));
      expect(remaining).toBe(100 - i);
      expect(remaining).toBeLessThan(previous);
      previous = remaining;
      const reset = res.headers.get('ratelimit-reset') ?? '';
      expect(reset).toMatch(/^\d+$/);
      expect(Number(reset)).toBeLessThanOrEqual(60);
    }

    const limited = await profile(api, access);
    expectRateLimited(limited, 60);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');

    // The limit is the user's, not the address's: another client's token is refused too,
    // while another user on the same address still gets through.
    const again = await login(client(), user);
    expectRateLimited(await profile(client(), again.access), 60);
    const other = await login(api, await createTestUser());
    expectStatus(await profile(api, other.access), 200);
  });
});
