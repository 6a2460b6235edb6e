/**
 * `npm run demo`: the portal with demo data on the embedded defaults, one command.
 *
 *   - no DATABASE_URL: the embedded PostgreSQL (PGlite, data in .data/pglite), reused when one is
 *     already listening on EMBEDDED_DB_PORT, otherwise started for as long as the demo runs;
 *   - secrets generated once into .data/demo-secrets.json (real ones come from the environment);
 *   - migrations and the idempotent seed, a production build, then the server;
 *   - prints the URL and the demo sign-ins, and stops everything on Ctrl-C.
 *
 * `npm run dev` does the same with Next's development server (no build, hot reload).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { db } from '../lib/db/client';
import {
  embeddedDatabasePort,
  isEmbeddedDatabase,
  resolveDatabaseUrl,
} from '../lib/db/database-url';
import { ensureEmbeddedServer } from '../tools/embedded-db/server';
import { migrate } from '../lib/db/migrate';
import { DEMO_ACCOUNTS } from '../prisma/demo-accounts';
import { seed } from '../prisma/seed';
import { waitForReady } from '../tools/process/ports';
import { startStripeEmulator, type StripeEmulator } from '../tools/stripe-emulator';
import { TEST_CARDS } from '../tools/stripe-emulator/test-cards';
import { startOidcProvider, type TestOidcProvider } from '../tools/oidc-provider/provider';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const dev = process.argv.includes('--dev');

interface DemoSecrets {
  NEXTAUTH_SECRET: string;
  JWT_SECRET: string;
  DOWNLOAD_SIGNING_SECRET: string;
  STRIPE_WEBHOOK_SECRET: string;
}

function demoSecrets(): DemoSecrets {
  const file = path.join(ROOT, '.data', 'demo-secrets.json');
  const stored: Partial<DemoSecrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoSecrets>)
    : {};
  const secrets: DemoSecrets = {
    NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET ?? randomBytes(32).toString('hex'),
    JWT_SECRET: stored.JWT_SECRET ?? randomBytes(32).toString('hex'),
    DOWNLOAD_SIGNING_SECRET: stored.DOWNLOAD_SIGNING_SECRET ?? randomBytes(32).toString('hex'),
    STRIPE_WEBHOOK_SECRET:
      stored.STRIPE_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString('hex')}`,
  };
  if (Object.keys(stored).length !== Object.keys(secrets).length) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Without Stripe keys the demo runs the project's Stripe emulator, webhooks pointed at the portal. */
async function stripeSetup(
  appUrl: string,
  secrets: DemoSecrets,
): Promise<{ env: Record<string, string>; emulator?: StripeEmulator; note: string }> {
  if (process.env.STRIPE_SECRET_KEY) {
    return { env: {}, note: 'Stripe: STRIPE_SECRET_KEY (real Stripe)' };
  }
  const wanted = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
  const start = (port: number) =>
    startStripeEmulator({
      port,
      webhookUrl: `${appUrl}/api/webhooks/stripe`,
      webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
    });
  // The usual port may be taken (another demo); any free one will do.
  const emulator = await start(wanted).catch(() => start(0));
  return {
    emulator,
    env: {
      STRIPE_EMULATOR: '1',
      STRIPE_API_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
    },
    note: `Stripe: the project's emulator on ${emulator.url} (test cards: ${TEST_CARDS})`,
  };
}

/**
 * Without an OpenID provider configured, the demo runs the project's own (tools/oidc-provider) so
 * "Continue with Auth0" works offline: its sign-in page takes any address, verified or not.
 */
async function oidcSetup(
  appUrl: string,
): Promise<{ env: Record<string, string>; provider?: TestOidcProvider; note: string }> {
  if (
    process.env.OIDC_ISSUER ||
    process.env.AUTH0_ISSUER ||
    process.env.AUTH0_ISSUER_BASE_URL ||
    process.env.AUTH0_DOMAIN
  ) {
    return { env: {}, note: 'OpenID Connect: the configured provider' };
  }
  const client = {
    clientId: 'sense-portal-demo',
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris: [`${appUrl}/api/auth/callback/oidc`, 'http://localhost:8080/callback'],
  };
  const wanted = Number(process.env.OIDC_PROVIDER_PORT ?? 4455);
  const start = (port: number) => startOidcProvider({ port, clients: [client] });
  const provider = await start(wanted).catch(() => start(0));
  return {
    provider,
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_REDIRECT_URIS: 'http://localhost:8080/callback',
    },
    note: `OpenID Connect: the project's test provider on ${provider.issuer} ("Continue with Auth0" takes any address)`,
  };
}

async function main(): Promise<void> {
  const port = process.env.PORT ?? '3000';
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const embedded = isEmbeddedDatabase()
    ? await ensureEmbeddedServer({ port: embeddedDatabasePort() })
    : undefined;
  console.log(
    embedded
      ? `Database: embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in .data/pglite)`
      : 'Database: DATABASE_URL',
  );
  const applied = await migrate({ databaseUrl: resolveDatabaseUrl() });
  console.log(
    `Migrations: ${applied.applied.length} applied, ${applied.alreadyApplied.length} up to date`,
  );
  await seed();
  await db.$disconnect();
  console.log('Seeded the demo accounts, contracts, equipment, alerts, releases and a purchase');

  const secrets = demoSecrets();
  const stripe = await stripeSetup(appUrl, secrets);
  console.log(stripe.note);
  const oidc = await oidcSetup(appUrl);
  console.log(oidc.note);
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...secrets,
    ...(process.env.DOWNLOAD_SIGNING_SECRET
      ? { DOWNLOAD_SIGNING_SECRET: process.env.DOWNLOAD_SIGNING_SECRET }
      : {}),
    ...(process.env.STRIPE_WEBHOOK_SECRET
      ? { STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET }
      : {}),
    ...stripe.env,
    ...oidc.env,
    ...(process.env.NEXTAUTH_SECRET ? { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET } : {}),
    ...(process.env.JWT_SECRET ? { JWT_SECRET: process.env.JWT_SECRET } : {}),
    NODE_ENV: dev ? 'development' : 'production',
    PORT: port,
    APP_URL: appUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (!dev) {
    console.log('Building the portal (about half a minute)…');
    const build = spawnSync(path.join(BIN, 'next'), ['build'], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const server = spawn(path.join(BIN, 'tsx'), ['scripts/server.ts', ...(dev ? ['--dev'] : [])], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } as unknown as NodeJS.ProcessEnv,
    stdio: 'inherit',
  });
  const stop = async () => {
    server.kill('SIGTERM');
    await stripe.emulator?.stop();
    await oidc.provider?.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.on('exit', (code) => {
    void embedded?.stop().then(() => process.exit(code ?? 1));
  });
  await waitForReady(appUrl, server, 120_000);

  const { customer, mustChange, inactive, agent } = DEMO_ACCOUNTS;
  console.log(`
  Sense Security portal is up: ${appUrl}

  Sign in as the demo customer:   ${customer.email}  /  ${customer.password}
  Must change password:           ${mustChange.email}  /  ${mustChange.password}
  Inactive (cannot sign in):      ${inactive.email}  /  ${inactive.password}
  Support agent:                  ${agent.email}  /  ${agent.password}

  API reference: ${appUrl}/api-docs     Press Ctrl-C to stop.
`);
}

main().catch((err: unknown) => {
  console.error(`\nThe demo could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
