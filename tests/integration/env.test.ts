/** lib/env parseEnv: production refuses to start without its secrets; development just works. */
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

const SECRET = 'a'.repeat(40);
const PROD = {
  NODE_ENV: 'production',
  NEXTAUTH_SECRET: SECRET,
  JWT_SECRET: `${SECRET}-jwt`,
  APP_URL: 'https://portal.example',
  STRIPE_SECRET_KEY: 'sk_live_portaltestkey',
  STRIPE_WEBHOOK_SECRET: 'whsec_portaltestsecret',
  DOWNLOAD_SIGNING_SECRET: `${SECRET}-downloads`,
} as const;

function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error('parseEnv did not throw');
}

describe('parseEnv', () => {
  it('accepts a complete production configuration', () => {
    const env = parseEnv({ ...PROD });
    expect(env).toMatchObject({
      isProduction: true,
      appUrl: 'https://portal.example',
      nextAuthSecret: SECRET,
      jwtSecret: `${SECRET}-jwt`,
    });
  });

  it('names every missing production secret in one error', () => {
    const err = envError({ NODE_ENV: 'production' });
    expect(err.message).toMatch(/NEXTAUTH_SECRET/);
    expect(err.message).toMatch(/JWT_SECRET/);
    expect(err.message).toMatch(/APP_URL/);

    const onlyJwt = envError({ ...PROD, JWT_SECRET: undefined });
    expect(onlyJwt.message).toMatch(/JWT_SECRET/);
    expect(onlyJwt.message).not.toMatch(/NEXTAUTH_SECRET|APP_URL/);
  });

  it('treats empty strings as unset', () => {
    const err = envError({
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: '',
      JWT_SECRET: '',
      APP_URL: '',
    });
    expect(err.message).toMatch(/NEXTAUTH_SECRET/);
    expect(err.message).toMatch(/JWT_SECRET/);
    expect(err.message).toMatch(/APP_URL/);
    // An empty number falls back to its default instead of failing as 0.
    expect(parseEnv({ BCRYPT_COST: '', PORT: '' })).toMatchObject({ BCRYPT_COST: 12, PORT: 3000 });
  });

  it('refuses plain http in production except on loopback', () => {
    const err = envError({ ...PROD, APP_URL: 'http://portal.example' });
    expect(err.message).toMatch(/APP_URL must be https/);
    expect(parseEnv({ ...PROD, APP_URL: 'http://localhost:4000/' }).appUrl).toBe(
      'http://localhost:4000',
    );
    expect(parseEnv({ ...PROD, APP_URL: 'http://127.0.0.1:4000' }).appUrl).toBe(
      'http://127.0.0.1:4000',
    );
  });

  it('works with no configuration in development, with labelled defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      isProduction: false,
      appUrl: 'http://localhost:3000',
      BCRYPT_COST: 12,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      TRUST_PROXY_HOPS: 0,
      RATE_LIMIT_LOGIN_ACCOUNT_BURST: 10,
      RATE_LIMIT_LOGIN_ACCOUNT_HOURLY: 100,
      CORS_ALLOWED_ORIGINS: [],
    });
    expect(env.nextAuthSecret).toMatch(/dev-only/);
    expect(env.jwtSecret).not.toBe(env.nextAuthSecret);
    expect(parseEnv({ PORT: '4100' }).appUrl).toBe('http://localhost:4100');
  });

  it('stops a production server without Stripe keys unless the emulator is chosen on purpose', () => {
    const noStripe = { ...PROD, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined };
    expect(envError(noStripe).message).toMatch(/STRIPE_SECRET_KEY.*STRIPE_EMULATOR=1/);
    expect(envError({ ...PROD, STRIPE_WEBHOOK_SECRET: undefined }).message).toMatch(
      /STRIPE_WEBHOOK_SECRET/,
    );
    expect(envError({ ...PROD, DOWNLOAD_SIGNING_SECRET: undefined }).message).toMatch(
      /DOWNLOAD_SIGNING_SECRET/,
    );
    expect(envError({ ...PROD, STRIPE_SECRET_KEY: 'pk_live_oops' }).message).toMatch(
      /STRIPE_SECRET_KEY: must be a Stripe secret key/,
    );

    const emulated = parseEnv({ ...noStripe, STRIPE_EMULATOR: '1' });
    expect(emulated.stripe).toMatchObject({ mode: 'emulator', apiUrl: 'http://127.0.0.1:12111' });
    expect(parseEnv({ ...PROD }).stripe).toEqual({
      mode: 'stripe',
      secretKey: 'sk_live_portaltestkey',
      webhookSecret: 'whsec_portaltestsecret',
      publishableKey: null,
    });
    // Development needs nothing: the emulator with labelled dev-only secrets.
    expect(parseEnv({}).stripe).toMatchObject({
      mode: 'emulator',
      secretKey: 'sk_test_emulator',
      webhookSecret: expect.stringMatching(/^whsec_emulator_dev_only/),
    });
  });

  it('rejects out-of-range and short values with a clear message', () => {
    expect(envError({ BCRYPT_COST: '3' }).message).toMatch(/BCRYPT_COST/);
    expect(envError({ NEXTAUTH_SECRET: 'short' }).message).toMatch(/NEXTAUTH_SECRET/);
  });
});
