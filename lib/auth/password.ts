import 'server-only';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import bcrypt from 'bcrypt';
import pLimit from 'p-limit';
import { Piscina } from 'piscina';
import { passwordSchema } from '@/lib/validations/auth';
import { getEnv } from '@/lib/env';

/**
 * bcrypt reads at most 72 bytes, so the password is first reduced to a
 * fixed-length digest: every character counts. SHA-384 in base64 is 64 ASCII
 * characters, under the limit and free of NUL bytes.
 *
 * Hashing runs in a pool of worker threads, one per core, each at a lower CPU
 * priority (lib/auth/hashing-worker.mjs), so a burst of sign-ins cannot slow
 * every other request down. Where the worker file is not beside the app (an
 * unusual deployment), libuv's thread pool does it, one hash per core.
 */
type HashTask =
  { op: 'hash'; value: string; cost: number } | { op: 'compare'; value: string; hash: string };

interface Hasher {
  run(task: HashTask): Promise<string | boolean>;
}

const globalForHashing = globalThis as unknown as { portalHasher?: Hasher };

function createHasher(): Hasher {
  const threads = Math.max(1, availableParallelism());
  const worker = path.join(process.cwd(), 'lib', 'auth', 'hashing-worker.mjs');
  if (existsSync(worker)) {
    const pool = new Piscina<HashTask, string | boolean>({
      filename: pathToFileURL(worker).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
    return { run: (task) => pool.run(task) };
  }
  const slots = pLimit(threads);
  return {
    run: (task) =>
      slots((): Promise<string | boolean> =>
        task.op === 'hash'
          ? bcrypt.hash(task.value, task.cost)
          : bcrypt.compare(task.value, task.hash),
      ),
  };
}

function hasher(): Hasher {
  globalForHashing.portalHasher ??= createHasher();
  return globalForHashing.portalHasher;
}

function prehash(password: string): string {
  return createHash('sha384').update(password.normalize('NFKC'), 'utf8').digest('base64');
}

export async function hashPassword(password: string, cost = getEnv().BCRYPT_COST): Promise<string> {
  return String(await hasher().run({ op: 'hash', value: prehash(password), cost }));
}

/**
 * Whether the password matches the hash. An account with no password (it signs in through an
 * OpenID provider) matches nothing, after the same bcrypt work as any other account.
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const compared = hash ?? (await timingDummyHash());
  const matches =
    (await hasher().run({ op: 'compare', value: prehash(password), hash: compared })) === true;
  return hash !== null && matches;
}

/** A hash made at another cost than BCRYPT_COST, to be replaced at the next sign-in. */
export function needsRehash(hash: string, cost = getEnv().BCRYPT_COST): boolean {
  const match = /^\$2[aby]?\$(\d{2})\$/.exec(hash);
  return !match || Number(match[1]) !== cost;
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash at the configured cost to compare against when the account does not
 * exist, so a failed sign-in takes the same time either way.
 */
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('timing-equaliser-not-a-real-password');
  return dummyHash;
}

export { passwordSchema };
