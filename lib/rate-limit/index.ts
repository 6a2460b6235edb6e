import 'server-only';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';

/**
 * Named limits. Memory by default; with REDIS_URL the counters live in Redis so
 * several instances share them, and each Redis limiter is insured by a memory
 * one: when Redis is unreachable the limits still hold per instance, and
 * /api/ready reports the fallback.
 */
export type LimitName =
  | 'api'
  | 'checkout'
  | 'login-ip'
  | 'login-account-burst'
  | 'login-account-hourly'
  | 'password-verify'
  | 'webhook-signature-failures'
  | 'support-write'
  | 'support-upload'
  | 'register-ip'
  | 'register-email'
  | 'reset-ip'
  | 'reset-email'
  | 'verify-resend'
  | 'public-form-ip'
  | 'inbound-auth-failures';

interface LimitSpec {
  points: number;
  durationSeconds: number;
}

function specs(): Record<LimitName, LimitSpec> {
  const env = getEnv();
  return {
    api: { points: env.RATE_LIMIT_API_PER_MINUTE, durationSeconds: 60 },
    checkout: { points: 10, durationSeconds: 60 },
    'login-ip': { points: env.RATE_LIMIT_LOGIN_IP_PER_MINUTE, durationSeconds: 60 },
    'login-account-burst': {
      points: env.RATE_LIMIT_LOGIN_ACCOUNT_BURST,
      durationSeconds: env.RATE_LIMIT_LOGIN_ACCOUNT_BURST_MINUTES * 60,
    },
    'login-account-hourly': {
      points: env.RATE_LIMIT_LOGIN_ACCOUNT_HOURLY,
      durationSeconds: 3600,
    },
    // Wrong current passwords given to change-password, per account (ASVS 2.2.1).
    'password-verify': { points: 5, durationSeconds: 15 * 60 },
    // Webhook deliveries whose signature fails, per client address; valid ones are never limited.
    'webhook-signature-failures': { points: 30, durationSeconds: 60 },
    // New tickets and replies, per customer: a person writes far fewer; a script that loops does not.
    'support-write': { points: 30, durationSeconds: 60 },
    // Attachment uploads, per account: up to 10 MiB each, so fewer than writes.
    'support-upload': { points: 20, durationSeconds: 60 },
    // Registrations and reset requests, per client address and per e-mail address: both counted
    // whether or not the address has an account, so the limit says nothing about which do.
    'register-ip': { points: 10, durationSeconds: 3600 },
    'register-email': { points: 3, durationSeconds: 3600 },
    'reset-ip': { points: 10, durationSeconds: 3600 },
    'reset-email': { points: 3, durationSeconds: 3600 },
    // New verification links a signed-in customer asks for.
    'verify-resend': { points: 3, durationSeconds: 3600 },
    // The forms of pages anyone may open (register, forgot and reset the password, confirm an
    // address, end all sessions), per client address: their tokens cannot be guessed, but a
    // script posting them in a loop costs a database round trip each.
    'public-form-ip': { points: 30, durationSeconds: 10 * 60 },
    // Inbound-mail deliveries with a wrong secret, per client address; right ones are never limited.
    'inbound-auth-failures': { points: 10, durationSeconds: 60 },
  };
}

interface Store {
  redis: Redis | null;
  limiters: Map<LimitName, RateLimiterAbstract>;
}

const globalForLimits = globalThis as unknown as { portalRateLimits?: Store };

function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Keep trying in the background; limits use memory meanwhile.
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  redis.on('error', (err: Error) => {
    logger.warn({ event: 'redis_error', message: err.message }, 'rate-limit store unreachable');
  });
  return redis;
}

function store(): Store {
  if (!globalForLimits.portalRateLimits) {
    const url = getEnv().REDIS_URL;
    globalForLimits.portalRateLimits = {
      redis: url ? createRedis(url) : null,
      limiters: new Map(),
    };
  }
  return globalForLimits.portalRateLimits;
}

function limiter(name: LimitName): RateLimiterAbstract {
  const s = store();
  let found = s.limiters.get(name);
  if (!found) {
    const { points, durationSeconds } = specs()[name];
    const keyPrefix = `${getEnv().REDIS_KEY_PREFIX}:rl:${name}`;
    const memory = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix });
    found = s.redis
      ? new RateLimiterRedis({
          storeClient: s.redis,
          points,
          duration: durationSeconds,
          keyPrefix,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
    s.limiters.set(name, found);
  }
  return found;
}

export interface LimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

function toState(name: LimitName, res: RateLimiterRes, allowed: boolean): LimitState {
  const limit = specs()[name].points;
  return {
    allowed,
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** Spends one point; `allowed` is false once the limit is passed. */
export async function consume(name: LimitName, key: string): Promise<LimitState> {
  try {
    return toState(name, await limiter(name).consume(key), true);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return toState(name, rejection, false);
    throw rejection;
  }
}

/** Reads a limit without spending a point. */
export async function peek(name: LimitName, key: string): Promise<LimitState> {
  const res = await limiter(name).get(key);
  const limit = specs()[name].points;
  if (!res) return { allowed: true, limit, remaining: limit, resetSeconds: 0 };
  return {
    allowed: res.consumedPoints < limit,
    limit,
    remaining: Math.max(0, limit - res.consumedPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** Gives back points spent by an attempt that turned out legitimate (a right password). */
export async function reward(name: LimitName, key: string, points = 1): Promise<void> {
  await limiter(name).reward(key, points);
}

export async function reset(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

export type RateLimitStoreStatus = 'memory' | 'redis' | 'memory-fallback';

export function rateLimitStoreStatus(): RateLimitStoreStatus {
  const { redis } = store();
  if (!redis) return 'memory';
  return redis.status === 'ready' ? 'redis' : 'memory-fallback';
}

export function rateLimitHeaders(state: LimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
}
