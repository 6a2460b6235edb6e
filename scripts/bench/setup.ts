/**
 * The benchmarks' plumbing (scripts/bench*.ts): their database, their build, their child processes
 * and their logs under .data/bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../lib/db/migrate';
import { startEmbeddedServer } from '../../tools/embedded-db/server';
import { freePort, waitForReady } from '../../tools/process/ports';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const LOGS = path.join(ROOT, '.data', 'bench');
const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export type Env = Record<string, string | undefined>;

export interface Database {
  label: string;
  /** For the migration runner and this process. */
  url: string;
  /** For the server: DATABASE_URL, or the embedded server's port. */
  env: Env;
  cleanup(): Promise<void>;
}

export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
export const say = (message: string) => console.log(`[bench] ${message}`);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL as given; else a fresh database `<prefix>_<timestamp>` on the local server, dropped
 * by cleanup(); else the embedded one.
 */
export async function database(prefix = 'portal_bench'): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given) {
    return {
      label: `DATABASE_URL (${new URL(given).host})`,
      url: given,
      env: { DATABASE_URL: given },
      cleanup: async () => {},
    };
  }
  const name = `${prefix}_${Date.now()}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
    const url = ADMIN_URL.replace(/\/postgres$/, `/${name}`);
    return {
      label: `PostgreSQL 127.0.0.1:5432, database ${name} (dropped at the end)`,
      url,
      env: { DATABASE_URL: url },
      cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  } catch (err) {
    say(`PostgreSQL at 127.0.0.1:5432 is unreachable (${String(err)}).`);
    say('FALLING BACK to the embedded PGlite server: these figures are not representative.');
    const server = await startEmbeddedServer({ dataDir: 'memory://', port: 0 });
    return {
      label: 'embedded PGlite (fallback)',
      url: server.url,
      env: { DATABASE_URL: undefined, EMBEDDED_DB_PORT: String(server.port) },
      cleanup: () => server.stop(),
    };
  }
}

/** Starts a child with its output in .data/bench/<log> (written by the OS, not this process). */
export function run(args: string[], env: Env, log: string): ChildProcess {
  mkdirSync(LOGS, { recursive: true });
  const fd = openSync(path.join(LOGS, log), 'w');
  return spawn(args[0] ?? '', args.slice(1), {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', fd, fd],
  });
}

export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  await Promise.race([done, sleep(10_000).then(() => child.kill('SIGKILL'))]);
}

export function tail(log: string, lines = 30): string {
  return readFileSync(path.join(LOGS, log), 'utf8').split('\n').slice(-lines).join('\n');
}

/** Rate limits out of the way: the benchmarks measure work, not 429s. */
export const BENCH_LIMITS: Env = {
  RATE_LIMIT_API_PER_MINUTE: '1000000',
  RATE_LIMIT_LOGIN_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_LOGIN_ACCOUNT_BURST: '1000000',
  RATE_LIMIT_LOGIN_ACCOUNT_HOURLY: '1000000',
};

/**
 * Starts the built portal (scripts/server.ts, production mode) on a free port
 * with fresh secrets; returns its URL and process, or null (with the log's
 * tail printed) when it does not become ready.
 */
export async function startPortal(
  env: Env,
  cost: string,
): Promise<{ url: string; server: ChildProcess } | null> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = run(
    [path.join(ROOT, 'node_modules', '.bin', 'tsx'), 'scripts/server.ts'],
    {
      // Production wants Stripe keys and a download secret: the bench uses the emulator on
      // purpose (benches that exercise Stripe pass their own emulator's settings in env).
      STRIPE_EMULATOR: '1',
      DOWNLOAD_SIGNING_SECRET: randomBytes(32).toString('hex'),
      ...env,
      ...BENCH_LIMITS,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: url,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      BCRYPT_COST: cost,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    'server.log',
  );
  try {
    await waitForReady(url, server, 90_000);
  } catch (err) {
    console.error(tail('server.log'));
    say(`the server failed to start: ${String(err)}`);
    await stop(server);
    return null;
  }
  say(`server at ${url}: NODE_ENV=production, BCRYPT_COST=${cost}, log .data/bench/server.log`);
  return { url, server };
}

/**
 * The environment of the build and the servers: this process's without NODE_ENV (nor the
 * variables named in `drop`), building into .next-bench.
 */
export function appEnv(...drop: string[]): Env {
  const env: Env = { ...(process.env as Env), NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
  for (const name of ['NODE_ENV', ...drop]) delete env[name];
  return { ...env, NEXT_DIST_DIR: '.next-bench' };
}

/** Says which database the run uses, and migrates it. */
export async function migrated(db: Database): Promise<void> {
  say(`database: ${db.label}`);
  await migrate({ databaseUrl: db.url });
}

/**
 * On Ctrl-C: `first` (which stops what the benchmark started), then the database dropped, then
 * exit 130. Returns what removes the handler.
 */
export function onInterrupt(db: Database, first: () => unknown): () => void {
  const interrupt = () => {
    void Promise.resolve(first())
      .then(() => db.cleanup())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  return () => process.off('SIGINT', interrupt);
}

/** Starts `next build` into .next-bench: its process, and its exit code when it ends. */
export function startBuild(env: Env): { builder: ChildProcess; build: Promise<number> } {
  say('building into .next-bench (log: .data/bench/build.log) ...');
  const builder = run([path.join(ROOT, 'node_modules', '.bin', 'next'), 'build'], env, 'build.log');
  return { builder, build: exited(builder) };
}

/** Waits for the build: false, with the end of its log printed, when it failed. */
export async function built(build: Promise<number>): Promise<boolean> {
  if ((await build) === 0) return true;
  console.error(tail('build.log'));
  say('the build failed');
  return false;
}

/**
 * Sets `env` in this process, for the app's own code that a benchmark imports (the database
 * above all); a variable given as undefined is removed.
 */
export function setProcessEnv(env: Env): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** The database's cleanup(), saying so when it fails. */
export const dropDatabase = (db: Database): Promise<void> =>
  db.cleanup().catch((err: unknown) => say(`could not drop the database: ${String(err)}`));

/** Runs a benchmark's main() and exits with its code (1 when it throws). */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/** What a benchmark started, for its `finally` and for Ctrl-C. */
export interface BenchRun {
  distEnv: Env;
  builder: ChildProcess;
  build: Promise<number>;
  db: Database;
  /** Set as they start: the server to kill and the pool to close on an interrupt. */
  state: { server?: ChildProcess; close: () => Promise<void> };
  /** Removes the Ctrl-C handler (in the benchmark's `finally`). */
  offInterrupt: () => void;
}

/**
 * A benchmark's start: the build into .next-bench begins while a fresh `<prefix>_<timestamp>`
 * database is made, and Ctrl-C stops the server, the build and the pool, then drops the database.
 */
export async function begin(prefix: string): Promise<BenchRun> {
  const distEnv = appEnv();
  const { builder, build } = startBuild(distEnv);
  const db = await database(prefix);
  const state: BenchRun['state'] = { close: async () => {} };
  const offInterrupt = onInterrupt(db, () => {
    state.server?.kill('SIGKILL');
    builder.kill('SIGKILL');
    return state.close();
  });
  return { distEnv, builder, build, db, state, offInterrupt };
}
