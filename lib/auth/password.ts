import 'server-only';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import bcrypt from 'bcrypt';
import pLimit from 'p-limit';
import { passwordSchema } from '@/lib/validations/auth';
import { getEnv } from '@/lib/env';

/**
 * bcrypt reads at most 72 bytes, so the password is first reduced to a
 * fixed-length digest: every character counts. SHA-384 in base64 is 64 ASCII
 * characters, under the limit and free of NUL bytes. Hashing runs on libuv's
 * thread pool, and at most one hash per core runs at a time so sign-in bursts
 * cannot starve the event loop or the pool.
 */
const hashingSlots = pLimit(Math.max(1, availableParallelism()));

function prehash(password: string): string {
  return createHash('sha384').update(password.normalize('NFKC'), 'utf8').digest('base64');
}

export function hashPassword(password: string, cost = getEnv().BCRYPT_COST): Promise<string> {
  return hashingSlots(() => bcrypt.hash(prehash(password), cost));
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return hashingSlots(() => bcrypt.compare(prehash(password), hash));
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
