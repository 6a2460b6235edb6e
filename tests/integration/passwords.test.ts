/**
 * Password hashing and the password policy (issue 2, section 3): bcrypt at the configured
 * cost, every character counts (bcrypt alone stops at byte 72), 12..128 code points, and the
 * common-password list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import bcrypt from 'bcrypt';
import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { getEnv } from '@/lib/env';
import { PASSWORD_MAX, PASSWORD_MIN, passwordSchema } from '@/lib/validations/auth';

const COMMON = dictionary['passwords-common'] as string[];

/** The nice value of each of this process's threads (Linux: field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended while we looked
    }
  });
}

describe('password hashing', () => {
  it.runIf(process.platform === 'linux')(
    'hashes on worker threads at a lower CPU priority than the event loop',
    async () => {
      const hash = await hashPassword('a sign-in burst must not starve requests');
      expect(await verifyPassword('a sign-in burst must not starve requests', hash)).toBe(true);
      const nice = threadNiceValues();
      expect(nice).toContain(10);
      // The main thread (the event loop) keeps normal priority.
      const main = readFileSync('/proc/self/stat', 'utf8');
      expect(Number(main.slice(main.lastIndexOf(')') + 2).split(' ')[16])).toBe(0);
    },
  );

  it('stores a bcrypt hash at the configured cost that verifies only the right password', async () => {
    const password = 'correct horse battery staple';
    const hash = await hashPassword(password);

    const cost = String(getEnv().BCRYPT_COST).padStart(2, '0');
    expect(hash).toMatch(new RegExp(`^\\$2b\\$${cost}\\$[./A-Za-z0-9]{53}$`));
    if (process.env.BCRYPT_COST === '4') expect(hash.startsWith('$2b$04$')).toBe(true);
    expect(hash).not.toContain(password);
    await expect(verifyPassword(password, hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', hash)).resolves.toBe(false);
    await expect(verifyPassword(`${password} `, hash)).resolves.toBe(false);
  });

  it('counts characters after the 72nd: a password differing only at character 90 fails', async () => {
    const prefix = 'p'.repeat(89);
    const original = `${prefix}A${'z'.repeat(10)}`;
    const altered = `${prefix}B${'z'.repeat(10)}`;
    expect([original.length, altered.length]).toEqual([100, 100]);

    // The premise: plain bcrypt cannot tell them apart.
    const plain = await bcrypt.hash(original, 4);
    await expect(bcrypt.compare(altered, plain)).resolves.toBe(true);

    const hash = await hashPassword(original);
    await expect(verifyPassword(original, hash)).resolves.toBe(true);
    await expect(verifyPassword(altered, hash)).resolves.toBe(false);
  });
});

describe('password policy', () => {
  const ok = (p: string) => passwordSchema.safeParse(p).success;
  const messages = (p: string) =>
    passwordSchema.safeParse(p).error?.issues.map((i) => i.message) ?? [];

  it('accepts 12 to 128 characters counted as code points, not UTF-16 units', () => {
    expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([12, 128]);
    const emoji = '\u{1F600}';
    // 11 emoji are 22 UTF-16 units: a `.length` check would wrongly accept them.
    expect(ok(emoji.repeat(12))).toBe(true);
    expect(ok(emoji.repeat(11))).toBe(false);
    expect(messages(emoji.repeat(11))).toContain('Password must be at least 12 characters');
    // 128 emoji are 256 UTF-16 units: a `.length` check would wrongly refuse them.
    expect(ok(emoji.repeat(128))).toBe(true);
    expect(ok(emoji.repeat(129))).toBe(false);

    expect(ok('vq3-Lm8x-Tz2w')).toBe(true);
    expect(ok('vq3-Lm8x-Tz2'.slice(0, 11))).toBe(false);
    const long = 'Kx7#'.repeat(32);
    expect(ok(long)).toBe(true);
    expect(ok(`${long}!`)).toBe(false);
    expect(messages(`${long}!`)).toContain('Password must be at most 128 characters');
  });

  it('refuses a common password from the maintained list, even at 12+ characters', () => {
    expect(COMMON.length).toBeGreaterThan(1000);
    const common = COMMON.find((p) => [...p].length >= 12 && !/\s/.test(p));
    expect(common).toBeDefined();
    const candidate = common ?? '';
    expect(ok(candidate)).toBe(false);
    expect(messages(candidate)).toEqual(['This password is too common; choose another']);
    // Case does not help.
    expect(ok(candidate.toUpperCase())).toBe(false);
    // A checked entry, named so a reader sees a real example.
    expect(COMMON).toContain('qwerty123456');
    expect(ok('qwerty123456')).toBe(false);
  });
});
