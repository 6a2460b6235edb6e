/**
 * lib/env parseEnv: production refuses to start without its secrets; development just works; and
 * a portal reachable from other machines (APP_URL or HOST not loopback) needs its own secrets
 * whatever NODE_ENV says. The last tests start scripts/server.ts itself, which stops before Next
 * prepares, so no build is needed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET, EnvError, PUBLIC_DEPLOYMENT_SECRETS, parseEnv } from '@/lib/env';
import { freePort } from '@/tools/process/ports';
import { publicDeploymentSecrets } from '../support/public-deployment';

const SECRETS = publicDeploymentSecrets();
const PROD = {
  NODE_ENV: 'production',
  APP_URL: 'https://portal.example',
  STRIPE_SECRET_KEY: 'sk_live_portaltestkey',
  ...SECRETS,
} as const;
const PUBLIC_URL = 'https://portal.example.com';
const SECRET_NAMES = PUBLIC_DEPLOYMENT_SECRETS.map((s) => s.name);

function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error('parseEnv did not throw');
}

/** The problem lines of an EnvError, without its heading. */
function problems(err: EnvError): string[] {
  return err.message
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
}

describe('parseEnv', () => {
  it('accepts a complete production configuration', () => {
    const env = parseEnv({ ...PROD });
    expect(env).toMatchObject({
      isProduction: true,
      appUrl: 'https://portal.example',
      nextAuthSecret: SECRETS.NEXTAUTH_SECRET,
      jwtSecret: SECRETS.JWT_SECRET,
      downloadSigningSecret: SECRETS.DOWNLOAD_SIGNING_SECRET,
    });
  });

  it('names every missing production secret in one error', () => {
    const err = envError({ NODE_ENV: 'production' });
    expect(err.message).toMatch(/NEXTAUTH_SECRET/);
    expect(err.message).toMatch(/JWT_SECRET/);
    expect(err.message).toMatch(/APP_URL/);

    const onlyJwt = envError({ ...PROD, JWT_SECRET: undefined });
    expect(onlyJwt.message).toMatch(/JWT_SECRET: missing/);
    // The heading says which setting made the deployment public; no other variable is a problem.
    const lines = problems(onlyJwt).filter((line) => !line.includes('loopback'));
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: missing/)]);
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
      HOST: '127.0.0.1',
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
    const noStripe = { ...PROD, STRIPE_SECRET_KEY: undefined };
    expect(envError({ ...noStripe, STRIPE_WEBHOOK_SECRET: undefined }).message).toMatch(
      /STRIPE_SECRET_KEY.*STRIPE_EMULATOR=1/,
    );
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
    expect(emulated.stripe).toMatchObject({
      mode: 'emulator',
      apiUrl: 'http://127.0.0.1:12111',
      // The emulator's own API key may stay; its webhook secret is the operator's.
      secretKey: 'sk_test_emulator',
      webhookSecret: SECRETS.STRIPE_WEBHOOK_SECRET,
    });
    expect(parseEnv({ ...PROD }).stripe).toEqual({
      mode: 'stripe',
      secretKey: 'sk_live_portaltestkey',
      webhookSecret: SECRETS.STRIPE_WEBHOOK_SECRET,
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
    expect(envError({ HOST: 'not a host' }).message).toMatch(/HOST: must be a host name/);
  });
});

describe('parseEnv on a public deployment (APP_URL or HOST not loopback)', () => {
  // Development on purpose: the rules follow where the portal is served, not NODE_ENV.
  const PUBLIC = { NODE_ENV: 'development', APP_URL: PUBLIC_URL, ...SECRETS } as const;

  it('starts with its own secrets, in development as in production', () => {
    expect(parseEnv({ ...PUBLIC })).toMatchObject({
      nextAuthSecret: SECRETS.NEXTAUTH_SECRET,
      jwtSecret: SECRETS.JWT_SECRET,
      downloadSigningSecret: SECRETS.DOWNLOAD_SIGNING_SECRET,
      stripe: { mode: 'emulator', webhookSecret: SECRETS.STRIPE_WEBHOOK_SECRET },
    });
    expect(parseEnv({ ...PUBLIC, NODE_ENV: 'production', STRIPE_EMULATOR: '1' })).toMatchObject({
      isProduction: true,
    });
  });

  it('refuses NODE_ENV=development (or test) with a public APP_URL and no secrets', () => {
    for (const NODE_ENV of ['development', 'test', undefined]) {
      const err = envError({ NODE_ENV, APP_URL: PUBLIC_URL });
      expect(err.message).toContain(`APP_URL=${PUBLIC_URL} is not a loopback address`);
      for (const name of SECRET_NAMES) expect(err.message).toMatch(`${name}: missing`);
    }
    // NEXTAUTH_URL is APP_URL's alias: public through it is public too.
    const alias = envError({ NEXTAUTH_URL: PUBLIC_URL });
    expect(alias.message).toContain(`NEXTAUTH_URL=${PUBLIC_URL}`);
    expect(alias.message).toMatch(/NEXTAUTH_SECRET: missing/);
    const mixed = envError({ APP_URL: 'http://localhost:3000', NEXTAUTH_URL: PUBLIC_URL });
    expect(mixed.message).toMatch(/JWT_SECRET: missing/);
  });

  it('refuses HOST=0.0.0.0 (or any non-loopback interface) even with a loopback APP_URL', () => {
    for (const HOST of ['0.0.0.0', '::', '192.0.2.10', 'portal.internal', '[2001:db8::1]']) {
      const err = envError({ NODE_ENV: 'development', APP_URL: 'http://localhost:3000', HOST });
      expect(err.message).toContain(`HOST=${HOST} is not a loopback address`);
      for (const name of SECRET_NAMES) expect(err.message).toMatch(`${name}: missing`);
    }
    // Every loopback spelling keeps the dev defaults.
    for (const HOST of ['localhost', '127.0.0.1', '127.10.20.30', '::1', '[::1]']) {
      expect(parseEnv({ HOST }).nextAuthSecret).toMatch(/dev-only/);
    }
    expect(parseEnv({ HOST: '[::1]' }).HOST).toBe('::1');
    expect(parseEnv({ HOST: '0.0.0.0', ...SECRETS }).HOST).toBe('0.0.0.0');
  });

  it('refuses a secret shorter than 32 characters', () => {
    const short = envError({ ...PUBLIC, STRIPE_WEBHOOK_SECRET: 'whsec_short' });
    expect(short.message).toMatch(/STRIPE_WEBHOOK_SECRET: too short \(11 characters; 32\+\)/);
    expect(envError({ ...PUBLIC, JWT_SECRET: 'x'.repeat(31) }).message).toMatch(/JWT_SECRET/);
  });

  it('refuses a secret equal to another one', () => {
    const err = envError({ ...PUBLIC, JWT_SECRET: SECRETS.NEXTAUTH_SECRET });
    expect(err.message).toMatch(/JWT_SECRET: the same value as NEXTAUTH_SECRET/);
    const third = envError({ ...PUBLIC, DOWNLOAD_SIGNING_SECRET: SECRETS.JWT_SECRET });
    expect(third.message).toMatch(/DOWNLOAD_SIGNING_SECRET: the same value as JWT_SECRET/);
  });

  it('refuses the dev defaults and the emulator secret the repository publishes', () => {
    const dev = parseEnv({});
    const shipped = {
      NEXTAUTH_SECRET: dev.nextAuthSecret,
      JWT_SECRET: dev.jwtSecret,
      DOWNLOAD_SIGNING_SECRET: dev.downloadSigningSecret,
      STRIPE_WEBHOOK_SECRET: EMULATOR_WEBHOOK_SECRET,
    };
    for (const [name, value] of Object.entries(shipped)) {
      const err = envError({ ...PUBLIC, [name]: value });
      expect(err.message).toMatch(`${name}: a value published in this repository`);
    }
    // A dev default under another variable's name is still published.
    expect(envError({ ...PUBLIC, JWT_SECRET: dev.nextAuthSecret }).message).toMatch(
      /JWT_SECRET: a value published/,
    );
    // Production on loopback refuses them too: they are no secret anywhere.
    const local = { ...PROD, APP_URL: 'http://localhost:3000' };
    expect(envError({ ...local, NEXTAUTH_SECRET: dev.nextAuthSecret }).message).toMatch(
      /NEXTAUTH_SECRET: a value published/,
    );
  });

  it('refuses every secret-looking literal shipped anywhere in the repository', () => {
    const literals = shippedSecretLiterals();
    expect(literals.size).toBeGreaterThanOrEqual(3);
    for (const [literal, file] of literals) {
      const err = envError({ ...PUBLIC, NEXTAUTH_SECRET: literal });
      expect(
        err.message,
        `${literal} from ${file} must join SHIPPED_SECRETS in lib/env.ts`,
      ).toMatch(/NEXTAUTH_SECRET: a value published/);
    }
  });

  it('requires STRIPE_WEBHOOK_SECRET even with the emulator chosen', () => {
    const err = envError({ ...PUBLIC, STRIPE_EMULATOR: '1', STRIPE_WEBHOOK_SECRET: undefined });
    expect(problems(err)).toEqual([
      expect.stringContaining('is not a loopback address'),
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: missing/),
    ]);
    expect(
      envError({
        ...PUBLIC,
        NODE_ENV: 'production',
        STRIPE_EMULATOR: '1',
        STRIPE_WEBHOOK_SECRET: '',
      }).message,
    ).toMatch(/STRIPE_WEBHOOK_SECRET: missing/);
  });

  it('requires SMTP_URL, unless MAIL_DISABLED=1 says no mail on purpose', () => {
    const err = envError({ ...PUBLIC, SMTP_URL: undefined });
    expect(problems(err)).toEqual([expect.stringMatching(/^SMTP_URL: missing .*MAIL_DISABLED=1/)]);
    expect(parseEnv({ ...PUBLIC, SMTP_URL: undefined, MAIL_DISABLED: '1' }).mailDisabled).toBe(
      true,
    );
    // On loopback a fresh clone needs no mail server: mail stays in the outbox.
    expect(parseEnv({ NODE_ENV: 'development' }).SMTP_URL).toBeUndefined();
  });

  it('lists every missing or bad variable at once', () => {
    const err = envError({
      NODE_ENV: 'development',
      APP_URL: PUBLIC_URL,
      HOST: '0.0.0.0',
      BCRYPT_COST: '99',
      NEXTAUTH_SECRET: 'short',
      JWT_SECRET: undefined,
      DOWNLOAD_SIGNING_SECRET: parseEnv({}).downloadSigningSecret,
      STRIPE_WEBHOOK_SECRET: EMULATOR_WEBHOOK_SECRET,
    });
    const lines = problems(err);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BCRYPT_COST:/),
        expect.stringMatching(/^NEXTAUTH_SECRET:/),
        expect.stringContaining(
          `APP_URL=${PUBLIC_URL} and HOST=0.0.0.0 are not loopback addresses`,
        ),
        expect.stringMatching(/^JWT_SECRET: missing/),
        expect.stringMatching(/^DOWNLOAD_SIGNING_SECRET: a value published/),
        expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: a value published/),
        // Support e-mail (issue 9): its two secrets and a mail server.
        expect.stringMatching(/^SUPPORT_REPLY_SECRET: missing/),
        expect.stringMatching(/^INBOUND_EMAIL_SECRET: missing/),
        expect.stringMatching(/^SMTP_URL: missing/),
      ]),
    );
    // One line per problem: the short NEXTAUTH_SECRET is not also called missing.
    expect(lines.filter((line) => line.startsWith('NEXTAUTH_SECRET'))).toHaveLength(1);
    expect(lines).toHaveLength(9);
  });

  it('keeps the dev defaults for a loopback development setup', () => {
    for (const APP_URL of [
      undefined,
      'http://localhost:3000',
      'http://127.0.0.1:4000',
      'http://[::1]:3000',
    ]) {
      const env = parseEnv({ NODE_ENV: 'development', APP_URL, HOST: '127.0.0.1' });
      expect(env.nextAuthSecret).toMatch(/dev-only/);
      expect(env.downloadSigningSecret).toMatch(/dev-only/);
      expect(env.stripe.webhookSecret).toBe(EMULATOR_WEBHOOK_SECRET);
    }
    // What scripts/test-all.ts gives its servers: production on localhost with random secrets and
    // the emulator.
    const { STRIPE_WEBHOOK_SECRET, ...secrets } = publicDeploymentSecrets();
    expect(
      parseEnv({
        ...secrets,
        STRIPE_WEBHOOK_SECRET,
        NODE_ENV: 'production',
        APP_URL: 'http://localhost:4123',
        NEXTAUTH_URL: 'http://localhost:4123',
        STRIPE_EMULATOR: '1',
      }).stripe,
    ).toMatchObject({ mode: 'emulator', webhookSecret: STRIPE_WEBHOOK_SECRET });
  });
});

describe('parseEnv: OpenID Connect settings', () => {
  const secret = randomBytes(24).toString('base64url');

  it('is off with none of them, and on with the three OIDC_* settings', () => {
    expect(parseEnv({}).oidc).toBeNull();
    const env = parseEnv({
      OIDC_ISSUER: 'https://tenant.eu.auth0.com/',
      OIDC_CLIENT_ID: 'portal',
      OIDC_CLIENT_SECRET: secret,
      OIDC_REDIRECT_URIS:
        'https://app.example/callback, com.example.app:/oauth, https://APP.example',
    });
    expect(env.oidc).toEqual({
      issuer: 'https://tenant.eu.auth0.com/',
      clientId: 'portal',
      clientSecret: secret,
      name: 'Auth0',
      // As openid-client will send them: lower-case host, a path of at least "/".
      redirectUris: [
        'https://app.example/callback',
        'com.example.app:/oauth',
        'https://app.example/',
      ],
      allowHttp: false,
    });
  });

  it("takes Auth0's own names as aliases, the domain alone included", () => {
    const env = parseEnv({
      AUTH0_DOMAIN: 'tenant.eu.auth0.com',
      AUTH0_CLIENT_ID: 'portal',
      AUTH0_CLIENT_SECRET: secret,
      OIDC_NAME: 'Sense ID',
    });
    expect(env.oidc).toMatchObject({
      issuer: 'https://tenant.eu.auth0.com/',
      clientId: 'portal',
      name: 'Sense ID',
    });
  });

  it('names what is missing when only part is set', () => {
    const err = envError({ OIDC_ISSUER: 'https://id.example' });
    expect(problems(err).join('\n')).toMatch(
      /missing OIDC_CLIENT_ID \(or AUTH0_CLIENT_ID\), OIDC_CLIENT_SECRET \(or AUTH0_CLIENT_SECRET\)/,
    );
  });

  it('refuses a plain-http issuer beyond loopback, and redirect URIs with a query', () => {
    const base = { OIDC_CLIENT_ID: 'portal', OIDC_CLIENT_SECRET: secret };
    expect(problems(envError({ ...base, OIDC_ISSUER: 'http://id.example' })).join('\n')).toMatch(
      /must be https/,
    );
    expect(parseEnv({ ...base, OIDC_ISSUER: 'http://127.0.0.1:4455' }).oidc?.allowHttp).toBe(true);
    expect(
      problems(
        envError({
          ...base,
          OIDC_ISSUER: 'https://id.example',
          OIDC_REDIRECT_URIS: 'https://app.example/cb?x=1',
        }),
      ).join('\n'),
    ).toMatch(/OIDC_REDIRECT_URIS: must be absolute URLs without a query or a fragment/);
  });
});

describe('scripts/server.ts refuses before Next prepares', () => {
  it('exits non-zero, naming the variables, with NODE_ENV=development and a public APP_URL', async () => {
    const { code, output } = await runUntilExit(
      path.join('node_modules', '.bin', 'tsx'),
      ['scripts/server.ts'],
      { NODE_ENV: 'development', APP_URL: PUBLIC_URL, PORT: String(await freePort()) },
    );
    expect(code).not.toBe(0);
    expect(output).toContain('The portal cannot start');
    for (const name of SECRET_NAMES) expect(output).toMatch(`${name}: missing`);
  }, 60_000);

  it('npm start runs in production even with NODE_ENV unset (loopback, no secrets)', async () => {
    const port = String(await freePort());
    const { code, output } = await runUntilExit('npm', ['start', '--silent'], {
      APP_URL: `http://localhost:${port}`,
      PORT: port,
    });
    expect(code).not.toBe(0);
    // Only production asks for these on loopback.
    expect(output).toMatch(/NEXTAUTH_SECRET \(32\+ random characters\)/);
    expect(output).toMatch(/JWT_SECRET/);
  }, 60_000);
});

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Quoted 32+ character literals on lines that mention a secret, in every file the repo ships. */
function shippedSecretLiterals(): Map<string, string> {
  const skip = new Set(['node_modules', '.git', '.data', 'generated', 'package-lock.json']);
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (skip.has(name) || name.startsWith('.next')) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      if (!/\.(ts|tsx|mts|mjs|js|md|json|ya?ml|sh|env)$|^run$/.test(name)) continue;
      for (const line of readFileSync(full, 'utf8').split('\n')) {
        if (!/secret/i.test(line)) continue;
        for (const match of line.matchAll(/(['"`])([^'"`\s]{32,})\1/g)) {
          const literal = match[2] ?? '';
          if (!literal.includes('${')) found.set(literal, path.relative(ROOT, full));
        }
      }
    }
  };
  walk(ROOT);
  return found;
}

/**
 * Runs a command with this process's environment minus everything the portal reads, plus `env`.
 * Next is pointed at a build folder that does not exist: the refusal must come before Next
 * prepares. Without it the run would end in "no production build", or, on someone's real build,
 * in Next's later check from instrumentation.ts. A server that does start is killed after 40 s,
 * so the test fails rather than hangs.
 */
function runUntilExit(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  // Process.env's own type marks NODE_ENV read-only and required; children take any record.
  const inherited: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(NODE_ENV|APP_URL|NEXTAUTH_URL|HOST|PORT|STRIPE_\w+|\w+_SECRET)$/.test(key) &&
        !key.startsWith('npm_'),
    ),
  );
  const noBuild = `.next-none-${randomBytes(6).toString('hex')}`;
  const childEnv: Record<string, string | undefined> = {
    ...inherited,
    ...env,
    LOG_LEVEL: 'silent',
    NEXT_DIST_DIR: noBuild,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: childEnv as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the kill below reaches tsx's node child (and npm's) too.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(path.join(ROOT, noBuild), { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}
