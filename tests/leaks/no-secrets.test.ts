import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { DEMO_ACCOUNTS } from '@/prisma/demo-accounts';
import { artifactsDir } from '../support/artifacts';

/**
 * Runs last: everything the other suites produced (every response body they
 * recorded, every server and test log) must contain no stored password hash,
 * no password a test used and no refresh token, except the login and refresh
 * responses that hand a refresh token out (those are not recorded).
 */
interface Secret {
  kind: string;
  value: string;
}

function readSecrets(dir: string): Secret[] {
  const file = path.join(dir, 'secrets.ndjson');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Secret);
}

describe('no secret leaks', () => {
  afterAll(async () => {
    await db.$disconnect();
  });

  it('finds no password hash, password or refresh token in any response or log', async () => {
    const dir = artifactsDir();
    const users = await db.user.findMany({
      where: { passwordHash: { not: null } },
      select: { passwordHash: true },
    });
    const secrets: Secret[] = [
      ...readSecrets(dir),
      ...users.map((u) => ({ kind: 'password_hash', value: u.passwordHash ?? '' })),
      ...Object.values(DEMO_ACCOUNTS).map((a) => ({ kind: 'password', value: a.password })),
    ].filter((s) => s.value.length >= 12);
    expect(secrets.length).toBeGreaterThan(0);

    const files = readdirSync(dir).filter(
      (f) => /\.(log|ndjson)$/.test(f) && f !== 'secrets.ndjson',
    );
    expect(files).toContain('responses.ndjson');
    const haystacks = files.map((f) => ({
      file: f,
      text: readFileSync(path.join(dir, f), 'utf8'),
    }));
    const found: string[] = [];
    for (const { file, text } of haystacks) {
      for (const secret of secrets) {
        if (text.includes(secret.value)) found.push(`${secret.kind} in ${file}`);
      }
    }
    expect(found).toEqual([]);
  });
});
