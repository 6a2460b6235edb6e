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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { db } from '../lib/db/client';
import {
  embeddedDatabasePort,
  isEmbeddedDatabase,
  resolveDatabaseUrl,
} from '../lib/db/database-url';
import { ensureEmbeddedServer } from '../lib/db/embedded';
import { migrate } from '../lib/db/migrate';
import { DEMO_ACCOUNTS } from '../prisma/demo-accounts';
import { seed } from '../prisma/seed';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const dev = process.argv.includes('--dev');

function demoSecrets(): { NEXTAUTH_SECRET: string; JWT_SECRET: string } {
  const file = path.join(ROOT, '.data', 'demo-secrets.json');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const secrets = {
      NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as { NEXTAUTH_SECRET: string; JWT_SECRET: string };
}

async function waitForReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become ready`);
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
  console.log('Seeded the demo accounts, contracts, equipment and alerts');

  const env: Record<string, string | undefined> = {
    ...process.env,
    ...demoSecrets(),
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
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.on('exit', (code) => {
    void embedded?.stop().then(() => process.exit(code ?? 1));
  });
  await waitForReady(appUrl, server);

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
