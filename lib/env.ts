import { z } from 'zod';

/**
 * Every environment variable the portal reads, checked once. In production a
 * missing secret stops the server with a message that names it; in
 * development and tests fixed, clearly-labelled defaults keep a fresh clone
 * working with no configuration.
 */
const DEV_SECRET = 'dev-only-insecure-secret-change-me-0123456789abcdef';

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_URL: z.url().optional(),
  NEXTAUTH_URL: z.url().optional(),
  PORT: int(3000, 1, 65535),
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .default('portal'),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  JWT_SECRET: z.string().min(32).optional(),
  BCRYPT_COST: int(12, 4, 15),
  SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  SESSION_ABSOLUTE_HOURS: int(12, 1, 24 * 30),
  /** Lifetime of /client tokens (document 1 leaves 1 to 24 hours to the server). */
  CLIENT_TOKEN_TTL_SECONDS: int(3600, 3600, 24 * 3600),
  CORS_ALLOWED_ORIGINS: csv,
  TRUST_PROXY_HOPS: int(0, 0, 10),
  MAX_BODY_BYTES: int(64 * 1024, 1024, 10 * 1024 * 1024),
  RATE_LIMIT_API_PER_MINUTE: int(100, 1, 1_000_000),
  RATE_LIMIT_LOGIN_IP_PER_MINUTE: int(30, 1, 1_000_000),
  RATE_LIMIT_LOGIN_ACCOUNT_BURST: int(10, 1, 1_000_000),
  RATE_LIMIT_LOGIN_ACCOUNT_BURST_MINUTES: int(15, 1, 24 * 60),
  RATE_LIMIT_LOGIN_ACCOUNT_HOURLY: int(100, 1, 1_000_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  nextAuthSecret: string;
  jwtSecret: string;
  isProduction: boolean;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  const missing: string[] = [];
  if (isProduction) {
    if (!env.NEXTAUTH_SECRET) missing.push('NEXTAUTH_SECRET (32+ random characters)');
    if (!env.JWT_SECRET) missing.push('JWT_SECRET (32+ random characters)');
    if (!env.APP_URL && !env.NEXTAUTH_URL) missing.push('APP_URL (the public origin)');
  }
  const publicUrl = env.APP_URL ?? env.NEXTAUTH_URL;
  if (isProduction && publicUrl && !isHttpsOrLoopback(publicUrl)) {
    missing.push('APP_URL must be https:// (plain http is allowed only for localhost)');
  }
  if (missing.length > 0) {
    throw new EnvError(`Missing production configuration:\n  ${missing.join('\n  ')}`);
  }
  const appUrl = (env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(
    /\/$/,
    '',
  );
  return {
    ...env,
    appUrl,
    nextAuthSecret: env.NEXTAUTH_SECRET ?? DEV_SECRET,
    jwtSecret: env.JWT_SECRET ?? `${DEV_SECRET}-jwt`,
    isProduction,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

function isHttpsOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}
