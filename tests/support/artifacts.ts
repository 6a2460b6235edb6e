import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Everything the suites see is written under TEST_ARTIFACTS_DIR so the leak
 * scan (tests/leaks) can look for secrets in it afterwards: the secrets the
 * tests used (passwords, refresh tokens) and the response bodies they got.
 */
export function artifactsDir(): string {
  const dir = process.env.TEST_ARTIFACTS_DIR ?? path.join(process.cwd(), '.data', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export type SecretKind = 'password' | 'refresh_token';

export function recordSecret(kind: SecretKind, value: string): void {
  appendFileSync(
    path.join(artifactsDir(), 'secrets.ndjson'),
    `${JSON.stringify({ kind, value })}\n`,
  );
}

export function recordResponse(source: string, body: string): void {
  appendFileSync(
    path.join(artifactsDir(), 'responses.ndjson'),
    `${JSON.stringify({ source, body })}\n`,
  );
}
