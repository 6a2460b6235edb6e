/**
 * Issue 8, item 1: the domain throws codes, never statuses; one table turns a code into a status,
 * and each surface maps structured field issues to its own names.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, invalid, rateLimited } from '@/lib/errors';
import { ERROR_STATUS, errorHeaders, httpStatus } from '@/lib/http/error-status';
import { errorBody } from '@/lib/http/surfaces';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('error codes and statuses', () => {
  it('maps every code to a 4xx or 5xx status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
    expect(httpStatus(new AppError('INVALID_CURRENT_PASSWORD', 'x'))).toBe(400);
    expect(httpStatus(new AppError('TOKEN_WRONG_SURFACE', 'x'))).toBe(401);
    expect(httpStatus(new AppError('LICENSE_REQUIRED', 'x'))).toBe(403);
    expect(httpStatus(new AppError('PAYMENT_MISMATCH', 'x'))).toBe(422);
    expect(httpStatus(new AppError('PAYMENT_PROVIDER_UNAVAILABLE', 'x'))).toBe(502);
  });

  it('turns error data into headers, not the domain', () => {
    expect(errorHeaders(rateLimited(12.2))).toEqual({ 'Retry-After': '13' });
    expect(
      errorHeaders(new AppError('METHOD_NOT_ALLOWED', 'x', { allowed: ['GET', 'HEAD'] })),
    ).toEqual({ Allow: 'GET, HEAD' });
  });

  it('names no HTTP status in lib/ outside the HTTP layer', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(ROOT, 'lib'))) {
      const rel = path.relative(ROOT, file);
      if (
        rel.startsWith(`lib${path.sep}http${path.sep}`) ||
        rel.startsWith(`lib${path.sep}api${path.sep}`)
      )
        continue;
      const text = readFileSync(file, 'utf8');
      if (/new AppError\(\s*\d{3}/.test(text) || /\bstatus:\s*[1-5]\d\d\b/.test(text))
        offenders.push(rel);
    }
    expect(offenders).toEqual([]);
  });
});

describe('field issues', () => {
  const err = invalid('INVALID_CURRENT_PASSWORD', 'Current password is incorrect', [
    { field: 'currentPassword', message: 'is incorrect' },
  ]);

  it("reach document 5's errors array under the request's own field names", () => {
    const body = errorBody('v1', err, 'req-12345678', { currentPassword: 'current_password' });
    expect(body).toMatchObject({
      success: false,
      message: 'Current password is incorrect',
      errors: ['current_password: is incorrect'],
      code: 'INVALID_CURRENT_PASSWORD',
    });
    // Without a mapping the domain's name stands.
    expect(errorBody('v1', err, 'req-12345678')).toMatchObject({
      errors: ['currentPassword: is incorrect'],
    });
  });

  it('leave the `{"error"}` surfaces their documented shape', () => {
    expect(errorBody('client', err, 'req-12345678')).toEqual({
      error: 'Current password is incorrect',
      code: 'INVALID_CURRENT_PASSWORD',
      request_id: 'req-12345678',
    });
  });
});
