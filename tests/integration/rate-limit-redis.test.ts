/**
 * Rate limits in Redis (REDIS_URL set): counters live in Redis, so a second instance sees the
 * points the first spent. Runs only when Redis answers on 127.0.0.1:6379. lib/env caches the
 * environment and lib/rate-limit keeps one store per process, so this configuration has a
 * file (a module instance) of its own and sets the environment before importing.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { afterAll, describe, expect, it } from 'vitest';

const REDIS_URL = 'redis://127.0.0.1:6379';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const redisUp = await reachable(6379);

process.env.REDIS_URL = REDIS_URL;
// Keys of this run only: lib/rate-limit stores `<prefix>:rl:<limit>:<key>`.
const PREFIX = `vitest-${randomBytes(4).toString('hex')}`;
process.env.REDIS_KEY_PREFIX = PREFIX;
process.env.LOG_LEVEL = 'silent';
process.env.RATE_LIMIT_LOGIN_ACCOUNT_BURST = '4';

const limits = await import('@/lib/rate-limit');
const { getEnv } = await import('@/lib/env');

const other = redisUp ? new Redis(REDIS_URL, { lazyConnect: true }) : null;
const stored: string[] = [];
const redisKey = (limit: string, key: string) => `${PREFIX}:rl:${limit}:${key}`;

function uniqueKey(label: string): string {
  const key = `${label}-${randomBytes(6).toString('hex')}`;
  stored.push(redisKey('login-ip', key), redisKey('login-account-burst', key));
  return key;
}

async function storeReady(): Promise<void> {
  const deadline = Date.now() + 5000;
  while (limits.rateLimitStoreStatus() !== 'redis' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(limits.rateLimitStoreStatus()).toBe('redis');
}

afterAll(async () => {
  if (other) {
    if (other.status === 'ready' && stored.length > 0) await other.del(...stored);
    other.disconnect();
  }
  const store = (globalThis as { portalRateLimits?: { redis: Redis | null } }).portalRateLimits;
  store?.redis?.disconnect();
});

describe.skipIf(!redisUp)('rate limits in Redis', () => {
  it('keeps the counters in Redis, where another client reads them', async () => {
    expect(getEnv()).toMatchObject({ REDIS_URL, REDIS_KEY_PREFIX: PREFIX });
    await storeReady();
    await other?.connect();
    const key = uniqueKey('ip');

    const first = await limits.consume('login-ip', key);
    const second = await limits.consume('login-ip', key);

    expect(first).toMatchObject({ allowed: true, remaining: first.limit - 1 });
    expect(second.remaining).toBe(first.limit - 2);
    expect(await other?.get(redisKey('login-ip', key))).toBe('2');
    const ttl = (await other?.pttl(redisKey('login-ip', key))) ?? 0;
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('honours points spent by another instance sharing the store', async () => {
    await storeReady();
    const key = uniqueKey('burst');
    expect(await limits.peek('login-account-burst', key)).toMatchObject({ allowed: true });

    // "Another instance": its own connection and limiter, same key prefix and limit.
    const elsewhere = new Redis(REDIS_URL, { enableOfflineQueue: true });
    try {
      const peer = new RateLimiterRedis({
        storeClient: elsewhere,
        keyPrefix: `${PREFIX}:rl:login-account-burst`,
        points: 4,
        duration: 15 * 60,
      });
      for (let i = 0; i < 4; i += 1) await peer.consume(key);
    } finally {
      elsewhere.disconnect();
    }

    const state = await limits.peek('login-account-burst', key);
    expect(state).toMatchObject({ allowed: false, remaining: 0 });
    expect(state.resetSeconds).toBeGreaterThan(0);
    expect((await limits.consume('login-account-burst', key)).allowed).toBe(false);

    await limits.reset('login-account-burst', key);
    expect(await other?.exists(redisKey('login-account-burst', key))).toBe(0);
    expect((await limits.peek('login-account-burst', key)).allowed).toBe(true);
  });
});
