import { z } from 'zod';

/**
 * Every environment variable the portal reads, checked once. Whether the dev
 * defaults may apply is decided by where the portal is served, not by
 * NODE_ENV alone: on loopback (APP_URL and HOST both localhost, 127.0.0.0/8 or
 * ::1) fixed, clearly-labelled defaults keep a fresh clone working with no
 * configuration; anywhere else, or in production, the secrets below must be
 * the operator's own, and one error names every variable that is missing or
 * bad.
 */
const DEV_SECRET = 'dev-only-insecure-secret-change-me-0123456789abcdef';

/** Development and test defaults for the emulator; production needs STRIPE_EMULATOR=1 to use them. */
export const EMULATOR_SECRET_KEY = 'sk_test_emulator';
export const EMULATOR_WEBHOOK_SECRET = 'whsec_emulator_dev_only_not_secret';

const MIN_SECRET_LENGTH = 32;

/**
 * Secret-looking literals this repository publishes (the dev defaults, the
 * emulator's, fixed values in tests): anyone can read them, so a public
 * deployment may not run on them. tests/integration/env.test.ts scans the
 * repository for new ones.
 */
const SHIPPED_SECRETS: ReadonlySet<string> = new Set([
  DEV_SECRET,
  `${DEV_SECRET}-jwt`,
  `${DEV_SECRET}-downloads`,
  EMULATOR_SECRET_KEY,
  EMULATOR_WEBHOOK_SECRET,
  'download-signing-secret-for-tests-0123456789',
  'a-completely-different-secret-of-enough-length',
  'another-secret-0123456789abcdef0123',
  'whsec_emulator_test_secret',
  'whsec_not_the_portals_secret',
]);

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

/** Minutes per priority, `urgent=60,high=240,medium=480,low=1440`; priorities left out keep the default. */
const slaTargets = z
  .string()
  .regex(
    /^((urgent|high|medium|low)=[1-9]\d{0,5})(,(urgent|high|medium|low)=[1-9]\d{0,5})*$/,
    'must look like urgent=60,high=240,medium=480,low=1440 (minutes)',
  )
  .optional()
  .transform((value) => {
    const targets = { urgent: 60, high: 240, medium: 480, low: 1440 };
    for (const part of (value ?? '').split(',').filter(Boolean)) {
      const [name, minutes] = part.split('=') as [keyof typeof targets, string];
      targets[name] = Number(minutes);
    }
    return targets;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_URL: z.url().optional(),
  NEXTAUTH_URL: z.url().optional(),
  PORT: int(3000, 1, 65535),
  /** OpenID Connect sign-in: the provider's issuer, exactly as its tokens' `iss` (Auth0's ends in /). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  /** The provider's name on the sign-in button: "Continue with Auth0". */
  OIDC_NAME: z
    .string()
    .regex(/^[\p{L}\p{N} .&'-]{1,40}$/u, "must be 1 to 40 letters, digits, spaces or .&'-")
    .default('Auth0'),
  /** Redirect URIs an app may name in POST /api/v1/auth/callback, compared exactly. */
  OIDC_REDIRECT_URIS: csv.refine(
    (uris) => uris.every((uri) => URL.canParse(uri) && !/[?#]/.test(uri)),
    'must be absolute URLs without a query or a fragment, separated by commas',
  ),
  /** Aliases of the OIDC_* settings, by the names Auth0's own guides use. */
  AUTH0_ISSUER: z.url().optional(),
  AUTH0_ISSUER_BASE_URL: z.url().optional(),
  AUTH0_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]{3,253}$/i, 'must be a host name, like example.eu.auth0.com')
    .optional(),
  AUTH0_CLIENT_ID: z.string().min(1).max(200).optional(),
  AUTH0_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  /** The interface scripts/server.ts listens on; brackets around an IPv6 address are dropped. */
  HOST: z
    .string()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z.:-]{1,253})$/, 'must be a host name or an IP address')
    .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
    .default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .default('portal'),
  NEXTAUTH_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  JWT_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
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
  ATTACHMENTS_DIR: z.string().min(1).default('.data/attachments'),
  ATTACHMENT_URL_TTL_SECONDS: int(300, 10, 3600),
  DOWNLOAD_SIGNING_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  /** A resolved ticket closes by itself after this many days. */
  SUPPORT_AUTO_CLOSE_DAYS: int(7, 1, 365),
  /** First-response targets in minutes, per priority: `urgent=60,high=240,medium=480,low=1440`. */
  SUPPORT_SLA_FIRST_RESPONSE: slaTargets,
  /** Next-response targets in minutes, per priority, in the same form. */
  SUPPORT_SLA_NEXT_RESPONSE: slaTargets,
  /** When the SLA clock runs, in UTC: `24x7`, or days and hours like `mon-fri 09:00-17:00`. */
  SUPPORT_BUSINESS_HOURS: z
    .string()
    .regex(
      /^(24x7|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))? ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d)$/,
      'must be 24x7 or like "mon-fri 09:00-17:00"',
    )
    .default('24x7'),
  /** Outgoing mail: smtp://user:pass@host:587 or smtps://…; without it mail stays in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** A public deployment without SMTP_URL must say MAIL_DISABLED=1 on purpose. */
  MAIL_DISABLED: z.enum(['0', '1', 'false', 'true']).optional(),
  MAIL_FROM: z
    .string()
    .min(3)
    .max(200)
    .default('Sense Security Support <support@sense-security.test>'),
  /** Delivery attempts per e-mail after the first, and the first retry's delay (it doubles). */
  MAIL_RETRY_LIMIT: int(8, 0, 50),
  MAIL_RETRY_DELAY_SECONDS: int(30, 1, 3600),
  /** Where new tickets and customers' replies are announced to the agents (none: not mailed). */
  SUPPORT_NOTIFY_EMAIL: z.email().optional(),
  /** The domain of reply+<token>@… addresses that route e-mailed replies back to their ticket. */
  SUPPORT_REPLY_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]{3,200}$/i, 'must be a domain name')
    .default('reply.sense-security.test'),
  SUPPORT_REPLY_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  INBOUND_EMAIL_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  /** The SMTP listener of `npm run mail:inbound`. */
  MAIL_INBOUND_PORT: int(2525, 1, 65535),
  /** 0: this process enqueues jobs but runs none (a web-only instance beside worker instances). */
  JOBS_WORKER: z.enum(['0', '1', 'false', 'true']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Secrets a portal reachable from other machines must set, whatever NODE_ENV
 * says. A new secret joins here and gets the same rules: set, 32+ characters,
 * unlike the others, unlike anything published in this repository.
 */
export const PUBLIC_DEPLOYMENT_SECRETS = [
  { name: 'NEXTAUTH_SECRET', hint: 'signs and encrypts the browser session cookie' },
  { name: 'JWT_SECRET', hint: 'signs API access tokens' },
  { name: 'DOWNLOAD_SIGNING_SECRET', hint: 'signs download links' },
  { name: 'SUPPORT_REPLY_SECRET', hint: 'signs the reply+… addresses of support e-mails' },
  {
    name: 'INBOUND_EMAIL_SECRET',
    hint: 'authenticates your mail provider on POST /api/inbound/email',
  },
  {
    name: 'STRIPE_WEBHOOK_SECRET',
    hint: "verifies Stripe's webhooks: whsec_… from Stripe, or the one you gave the emulator",
  },
] as const satisfies readonly { name: keyof z.input<typeof schema>; hint: string }[];

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  nextAuthSecret: string;
  jwtSecret: string;
  downloadSigningSecret: string;
  supportReplySecret: string;
  inboundEmailSecret: string;
  mailDisabled: boolean;
  jobsWorker: boolean;
  /** APP_URL (or NEXTAUTH_URL) and HOST are all loopback: only this machine reaches the portal. */
  loopbackOnly: boolean;
  isProduction: boolean;
  stripe: StripeSettings;
  /** OpenID Connect sign-in, when an issuer, a client id and a secret are all set. */
  oidc: OidcSettings | null;
};

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  /** A plain-http issuer on loopback (the tests' provider); anything else must be https. */
  allowHttp: boolean;
}

/** The OIDC_* settings, each falling back to its AUTH0_* alias. */
function oidcParts(value: (name: string) => string | undefined) {
  const domain = value('AUTH0_DOMAIN');
  return {
    issuer:
      value('OIDC_ISSUER') ??
      value('AUTH0_ISSUER') ??
      value('AUTH0_ISSUER_BASE_URL') ??
      (domain ? `https://${domain}/` : undefined),
    clientId: value('OIDC_CLIENT_ID') ?? value('AUTH0_CLIENT_ID'),
    clientSecret: value('OIDC_CLIENT_SECRET') ?? value('AUTH0_CLIENT_SECRET'),
  };
}

function oidcProblems(value: (name: string) => string | undefined): string[] {
  const parts = oidcParts(value);
  const names = {
    issuer: 'OIDC_ISSUER (or AUTH0_ISSUER)',
    clientId: 'OIDC_CLIENT_ID (or AUTH0_CLIENT_ID)',
    clientSecret: 'OIDC_CLIENT_SECRET (or AUTH0_CLIENT_SECRET)',
  };
  const set = Object.values(parts).filter(Boolean).length;
  if (set === 0) return [];
  const problems: string[] = [];
  if (set < 3) {
    const missing = (Object.keys(names) as (keyof typeof names)[]).filter((key) => !parts[key]);
    problems.push(
      `OpenID Connect sign-in needs an issuer, a client id and a secret: missing ${missing.map((key) => names[key]).join(', ')}`,
    );
  }
  if (parts.issuer && !isHttpsOrLoopback(parts.issuer)) {
    problems.push(`${names.issuer} must be https:// (plain http is allowed only for localhost)`);
  }
  return problems;
}

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

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  const parsed = schema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // The remaining checks read the raw strings, so a malformed variable does not hide a missing
  // one: the operator sees every problem in one go. A variable the schema refused is skipped.
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
  const usable = (name: string) => (invalid.has(name) ? undefined : present[name]);
  problems.push(...deploymentProblems(usable, (name) => !invalid.has(name) && !present[name]));
  problems.push(...oidcProblems(usable));
  if (!parsed.success || problems.length > 0) {
    throw new EnvError(`Invalid or unsafe configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const emulatorChosen = env.STRIPE_EMULATOR === '1' || env.STRIPE_EMULATOR === 'true';
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
    supportReplySecret: env.SUPPORT_REPLY_SECRET ?? `${DEV_SECRET}-reply`,
    inboundEmailSecret: env.INBOUND_EMAIL_SECRET ?? `${DEV_SECRET}-inbound`,
    mailDisabled: env.MAIL_DISABLED === '1' || env.MAIL_DISABLED === 'true',
    jobsWorker: env.JOBS_WORKER === '1' || env.JOBS_WORKER === 'true',
    loopbackOnly: publicAddresses((name) => present[name]).length === 0,
    isProduction: env.NODE_ENV === 'production',
    oidc: oidcSettings(env, (name) => present[name]),
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

function oidcSettings(
  env: z.infer<typeof schema>,
  value: (name: string) => string | undefined,
): OidcSettings | null {
  const { issuer, clientId, clientSecret } = oidcParts(value);
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.OIDC_NAME,
    // As openid-client sends them (`https://app.example` is `https://app.example/`).
    redirectUris: env.OIDC_REDIRECT_URIS.map((uri) => new URL(uri).href),
    allowHttp: issuer.toLowerCase().startsWith('http://'),
  };
}

function deploymentProblems(
  value: (name: string) => string | undefined,
  missing: (name: string) => boolean,
): string[] {
  const problems: string[] = [];
  const isProduction = value('NODE_ENV') === 'production';
  const exposedBy = publicAddresses(value);
  const isPublic = exposedBy.length > 0;
  const emulatorChosen = value('STRIPE_EMULATOR') === '1' || value('STRIPE_EMULATOR') === 'true';

  const secretProblems: string[] = [];
  const seen = new Map<string, string>();
  for (const { name, hint } of PUBLIC_DEPLOYMENT_SECRETS) {
    const secret = value(name);
    if (secret === undefined) {
      if (isPublic && missing(name)) secretProblems.push(`${name}: missing (${hint})`);
      continue;
    }
    // On loopback outside production, a developer's own value is their business.
    if (!isPublic && !isProduction) continue;
    const twin = seen.get(secret);
    seen.set(secret, name);
    if (secret.length < MIN_SECRET_LENGTH) {
      secretProblems.push(
        `${name}: too short (${secret.length} characters; ${MIN_SECRET_LENGTH}+)`,
      );
    } else if (SHIPPED_SECRETS.has(secret) || secret.includes(DEV_SECRET)) {
      secretProblems.push(`${name}: a value published in this repository; generate your own`);
    } else if (twin) {
      secretProblems.push(`${name}: the same value as ${twin}; each secret must be different`);
    }
  }
  if (isPublic && secretProblems.length > 0) {
    const notLoopback =
      exposedBy.length > 1 ? 'are not loopback addresses' : 'is not a loopback address';
    problems.push(
      `${exposedBy.join(' and ')} ${notLoopback}, so the portal is reachable from other ` +
        `machines and needs its own secrets (${MIN_SECRET_LENGTH}+ random characters each, ` +
        'all different):',
    );
  }
  problems.push(...secretProblems);

  // Production on loopback (a staging box, the test servers) keeps its long-standing rules; a
  // public deployment already named these above.
  if (isProduction && !isPublic) {
    for (const name of ['NEXTAUTH_SECRET', 'JWT_SECRET', 'DOWNLOAD_SIGNING_SECRET']) {
      if (missing(name)) problems.push(`${name} (${MIN_SECRET_LENGTH}+ random characters)`);
    }
  }
  if (isProduction && missing('APP_URL') && missing('NEXTAUTH_URL')) {
    problems.push('APP_URL (the public origin)');
  }
  const publicUrl = value('APP_URL') ?? value('NEXTAUTH_URL');
  if (isProduction && publicUrl && !isHttpsOrLoopback(publicUrl)) {
    problems.push('APP_URL must be https:// (plain http is allowed only for localhost)');
  }
  if (
    !isPublic &&
    value('STRIPE_SECRET_KEY') &&
    missing('STRIPE_WEBHOOK_SECRET') &&
    !emulatorChosen
  ) {
    problems.push('STRIPE_WEBHOOK_SECRET (whsec_…) is required with STRIPE_SECRET_KEY');
  }
  const mailDisabled = value('MAIL_DISABLED') === '1' || value('MAIL_DISABLED') === 'true';
  if (isPublic && missing('SMTP_URL') && !mailDisabled) {
    problems.push(
      'SMTP_URL: missing (customers would get no e-mail; set MAIL_DISABLED=1 to run without mail on purpose)',
    );
  }
  if (isProduction && missing('STRIPE_SECRET_KEY') && !emulatorChosen) {
    problems.push(
      'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (or STRIPE_EMULATOR=1 to use the Stripe emulator on purpose)',
    );
  }
  return problems;
}

/** The settings that make the portal reachable beyond this machine, as `NAME=value`. */
function publicAddresses(value: (name: string) => string | undefined): string[] {
  const exposed: string[] = [];
  for (const name of ['APP_URL', 'NEXTAUTH_URL']) {
    const url = value(name);
    if (url !== undefined && !isLoopbackHostname(hostnameOf(url))) exposed.push(`${name}=${url}`);
  }
  const host = value('HOST');
  if (host !== undefined && !isLoopbackHostname(hostnameOf(`http://${bracketed(host)}`))) {
    exposed.push(`HOST=${host}`);
  }
  return exposed;
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The URL parser's canonical host name (127.1 becomes 127.0.0.1); '' when it does not parse. */
function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

function isHttpsOrLoopback(url: string): boolean {
  return url.toLowerCase().startsWith('https://') || isLoopbackHostname(hostnameOf(url));
}
