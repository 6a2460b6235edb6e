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
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_… or rk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, 'must be a publishable key (pk_…)')
    .optional(),
  /** Where the SDK sends requests when no secret key is set: the project's Stripe emulator. */
  STRIPE_API_URL: z.url().default('http://127.0.0.1:12111'),
  /** Production only: run on the emulator on purpose (a staging box with no Stripe account). */
  STRIPE_EMULATOR: z.enum(['0', '1', 'false', 'true']).optional(),
  /** Origins allowed in checkout success and cancel URLs, besides the portal's own. */
  CHECKOUT_ALLOWED_ORIGINS: csv,
  DOWNLOAD_URL_TTL_SECONDS: int(300, 10, 24 * 3600),
  DOWNLOADS_DIR: z.string().min(1).default('.data/releases'),
  DOWNLOAD_SIGNING_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  nextAuthSecret: string;
  jwtSecret: string;
  downloadSigningSecret: string;
  isProduction: boolean;
  stripe: StripeSettings;
};

/** How the portal reaches Stripe: the real API with real keys, or the shipped emulator. */
export type StripeSettings =
  | { mode: 'stripe'; secretKey: string; webhookSecret: string; publishableKey: string | null }
  | {
      mode: 'emulator';
      secretKey: string;
      webhookSecret: string;
      publishableKey: null;
      apiUrl: string;
    };

/** Development and test defaults for the emulator; production needs STRIPE_EMULATOR=1 to use them. */
export const EMULATOR_SECRET_KEY = 'sk_test_emulator';
export const EMULATOR_WEBHOOK_SECRET = 'whsec_emulator_dev_only_not_secret';

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
  const emulatorChosen = env.STRIPE_EMULATOR === '1' || env.STRIPE_EMULATOR === 'true';
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET && !emulatorChosen) {
    missing.push('STRIPE_WEBHOOK_SECRET (whsec_…) is required with STRIPE_SECRET_KEY');
  }
  if (isProduction && !env.STRIPE_SECRET_KEY && !emulatorChosen) {
    missing.push(
      'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (or STRIPE_EMULATOR=1 to use the Stripe emulator on purpose)',
    );
  }
  if (isProduction && !env.DOWNLOAD_SIGNING_SECRET) {
    missing.push('DOWNLOAD_SIGNING_SECRET (32+ random characters)');
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
    downloadSigningSecret: env.DOWNLOAD_SIGNING_SECRET ?? `${DEV_SECRET}-downloads`,
    isProduction,
    stripe:
      env.STRIPE_SECRET_KEY && !emulatorChosen
        ? {
            mode: 'stripe',
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? '',
            publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? null,
          }
        : {
            mode: 'emulator',
            secretKey: env.STRIPE_SECRET_KEY ?? EMULATOR_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? EMULATOR_WEBHOOK_SECRET,
            publishableKey: null,
            apiUrl: env.STRIPE_API_URL,
          },
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
