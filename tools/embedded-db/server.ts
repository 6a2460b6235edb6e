/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) served over the Postgres wire
 * protocol on a local TCP port, so the app, scripts and tests reach it exactly like a real server
 * (through `pg` / @prisma/adapter-pg) when DATABASE_URL is unset.
 *
 * Node-only: never import this from code that Next bundles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { embeddedDatabasePort } from '../../lib/db/database-url';
import { PGliteWireServer } from './wire-server';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_EMBEDDED_DATA_DIR = path.join(PROJECT_ROOT, '.data', 'pglite');
const SERVER_SCRIPT = path.join(PROJECT_ROOT, 'tools', 'embedded-db', 'cli.ts');
const LOCK_FILE_NAME = 'portal-embedded.lock';
/** A lock file younger than this with no readable pid may still be being written by its owner. */
const LOCK_WRITE_GRACE_MS = 5_000;

export interface EmbeddedServerOptions {
  /** A folder (created if missing) or 'memory://' for a throw-away database. */
  dataDir?: string;
  /** 0 picks a free port. Defaults to EMBEDDED_DB_PORT or 54329. */
  port?: number;
  host?: string;
  /** How many clients may connect at once (every process keeps a pool). */
  maxConnections?: number;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError';
}

export function embeddedServerUrl(host: string, port: number): string {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `postgresql://postgres:postgres@${hostPart}:${port}/postgres?sslmode=disable`;
}

export async function startEmbeddedServer(
  options: EmbeddedServerOptions = {},
): Promise<EmbeddedServer> {
  const dataDir = options.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR;
  const host = options.host ?? '127.0.0.1';
  const inMemory = dataDir.startsWith('memory://');
  const dataPath = inMemory ? dataDir : path.resolve(dataDir);
  // PGlite has no postmaster.pid of its own: two processes opening one folder corrupt it.
  const releaseLock = inMemory ? async () => {} : await acquireDataDirLock(dataPath);

  let db: PGlite | undefined;
  try {
    db = await PGlite.create(dataPath);
    const server = new PGliteWireServer(db, {
      host,
      port: options.port ?? embeddedDatabasePort(),
      maxConnections: options.maxConnections ?? 50,
    });
    const port = await listen(server, host, options.port);
    const openDb = db;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await server.stop();
        await openDb.close();
        await releaseLock();
      })());
    return { url: embeddedServerUrl(host, port), port, stop };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await releaseLock();
    throw error;
  }
}

async function listen(server: PGliteWireServer, host: string, port?: number): Promise<number> {
  try {
    return await server.start();
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EADDRINUSE') {
      throw new EmbeddedServerError(
        `Port ${host}:${port ?? embeddedDatabasePort()} is already in use; set EMBEDDED_DB_PORT to a free port.`,
      );
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Data folder lock

/** Takes `<dataDir>/portal-embedded.lock` (our pid inside); returns the release function. */
async function acquireDataDirLock(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreateLock(lockPath)) return () => releaseLock(lockPath);
    const owner = await readLockOwner(lockPath);
    if (owner.state === 'live') {
      throw new EmbeddedServerError(
        `The embedded database folder ${dataDir} is in use by process ${owner.pid} ` +
          `(lock file ${lockPath}). Stop that process, or point PGLITE_DATA_DIR elsewhere.`,
      );
    }
    // A dead owner (crash, kill -9) leaves its lock behind: take it over.
    await unlink(lockPath).catch(ignoreMissing);
  }
  throw new EmbeddedServerError(`Could not take the lock ${lockPath}: another process raced us.`);
}

async function tryCreateLock(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
}

type LockOwner = { state: 'live'; pid: number | string } | { state: 'stale' };

async function readLockOwner(lockPath: string): Promise<LockOwner> {
  const content = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number(content.trim());
  if (Number.isInteger(pid) && pid > 0) {
    return isProcessAlive(pid) ? { state: 'live', pid } : { state: 'stale' };
  }
  const ageMs = await stat(lockPath).then(
    (info) => Date.now() - info.mtimeMs,
    () => Infinity,
  );
  return ageMs < LOCK_WRITE_GRACE_MS ? { state: 'live', pid: 'unknown' } : { state: 'stale' };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return isErrnoException(error) && error.code === 'EPERM';
  }
}

async function releaseLock(lockPath: string): Promise<void> {
  // Only remove the lock if it is still ours (a stale-lock takeover may have replaced it).
  const content = await readFile(lockPath, 'utf8').catch(() => '');
  if (Number(content.trim()) === process.pid) await unlink(lockPath).catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if (!(isErrnoException(error) && error.code === 'ENOENT')) throw error;
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

// ---------------------------------------------------------------------------------------------
// Reuse-or-spawn helper for scripts and test runners

export interface EnsureEmbeddedServerOptions {
  port?: number;
  host?: string;
  /** Passed to the child as PGLITE_DATA_DIR when a server has to be started. */
  dataDir?: string;
  startupTimeoutMs?: number;
}

export interface EnsuredEmbeddedServer {
  url: string;
  port: number;
  /** True when a server was already listening and this call started nothing. */
  reused: boolean;
  /** Stops the child this call started; a no-op for a reused server. */
  stop(): Promise<void>;
}

/**
 * If something already accepts TCP connections on the port (another `npm run db:embedded`, the
 * dev server's sidecar, ...) reuse it; otherwise run ./cli.ts as a child process,
 * because the data folder can have one owner only and that owner must outlive no one.
 */
export async function ensureEmbeddedServer(
  options: EnsureEmbeddedServerOptions = {},
): Promise<EnsuredEmbeddedServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? embeddedDatabasePort();
  const url = embeddedServerUrl(host, port);
  if (await acceptsConnections(host, port)) {
    return { url, port, reused: true, stop: async () => {} };
  }
  const child = spawnServerChild(host, port, options.dataDir);
  const output = collectOutput(child);
  try {
    await waitUntilListening(child, host, port, options.startupTimeoutMs ?? 60_000, output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url, port, reused: false, stop: () => stopChild(child) };
}

function spawnServerChild(host: string, port: number, dataDir?: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_DB_PORT: String(port),
    EMBEDDED_DB_HOST: host,
    // The child exits when our end of its stdin closes, so it never outlives this process.
    EMBEDDED_DB_STOP_ON_STDIN_EOF: '1',
  };
  if (dataDir) env.PGLITE_DATA_DIR = dataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Do not keep the parent alive just for the server: stop() or our exit ends it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if (stream instanceof net.Socket) stream.unref();
  }
  return child;
}

/** Keeps the child's last output for error messages (and drains the pipes so it never blocks). */
function collectOutput(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail.trim();
}

async function waitUntilListening(
  child: ChildProcess,
  host: string,
  port: number,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EmbeddedServerError(
        `The embedded database server exited (${child.exitCode ?? child.signalCode}) before ` +
          `listening on ${host}:${port}:\n${output()}`,
      );
    }
    if (await acceptsConnections(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new EmbeddedServerError(
    `The embedded database server did not listen on ${host}:${port} within ${timeoutMs} ms:\n${output()}`,
  );
}

export function acceptsConnections(
  host: string,
  port: number,
  timeoutMs = 1_000,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forceKill = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    await exited;
  } finally {
    clearTimeout(forceKill);
  }
}
