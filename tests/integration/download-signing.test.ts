/**
 * Signed download links (lib/downloads/signing.ts) and Range headers (lib/downloads/range.ts):
 * every field of a grant is covered by the signature, expiry is checked after it, the comparison
 * is constant-time, and single byte ranges are parsed as RFC 9110 describes. Then the file route's
 * check (lib/downloads/releases.ts) on the real database: a deactivated account's links stop.
 */
import { createHmac } from 'node:crypto';
import * as crypto from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { parseRange } from '@/lib/downloads/range';
import { authorizeDownload, mintDownloadUrl, type DownloadLink } from '@/lib/downloads/releases';
import { signGrant, verifyGrant, type DownloadGrant } from '@/lib/downloads/signing';
import { seedReleases } from '@/prisma/demo-releases';
import { grantLicense } from '../support/licenses';
import { createTestUser } from '../support/users';
import { rejectionView, type ErrorView } from '../support/errors';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const SECRET = 'download-signing-secret-for-tests-0123456789';
const NOW = 1_800_000_000;
const grant: DownloadGrant = {
  releaseId: 'software_v2',
  platform: 'linux-x64',
  userId: 42,
  expires: NOW + 300,
};

describe('signed download grants', () => {
  const signature = signGrant(grant, SECRET);

  it('signs as base64url HMAC-SHA256 and verifies its own signature', () => {
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expected = createHmac('sha256', SECRET)
      .update(['download-v1', 'software_v2', 'linux-x64', '42', String(NOW + 300)].join('\n'))
      .digest('base64url');
    expect(signature).toBe(expected);
    expect(verifyGrant(grant, signature, SECRET, NOW)).toBe('valid');
  });

  it.each<[string, Partial<DownloadGrant>]>([
    ['another release', { releaseId: 'software_v1' }],
    ['another platform', { platform: 'windows-x64' }],
    ['another customer', { userId: 43 }],
    ['a later expiry', { expires: NOW + 3600 }],
    ['an earlier expiry', { expires: NOW + 299 }],
  ])('is invalid for %s', (_, change) => {
    expect(verifyGrant({ ...grant, ...change }, signature, SECRET, NOW)).toBe('invalid');
  });

  it('does not let field boundaries shift (release "a\\nb" is not release "a" on platform "b")', () => {
    const shifted = signGrant(
      { ...grant, releaseId: 'software_v2\nlinux-x64', platform: '' },
      SECRET,
    );
    expect(shifted).not.toBe(signature);
    expect(verifyGrant(grant, shifted, SECRET, NOW)).toBe('invalid');
  });

  it('is invalid under another secret', () => {
    expect(verifyGrant(grant, signature, `${SECRET}-rotated`, NOW)).toBe('invalid');
    expect(
      verifyGrant(grant, signGrant(grant, 'another-secret-0123456789abcdef0123'), SECRET, NOW),
    ).toBe('invalid');
  });

  it('expires after its second, not before; an expired link with a bad signature is just invalid', () => {
    expect(verifyGrant(grant, signature, SECRET, NOW + 300)).toBe('valid');
    expect(verifyGrant(grant, signature, SECRET, NOW + 301)).toBe('expired');
    expect(verifyGrant(grant, 'A'.repeat(43), SECRET, NOW + 301)).toBe('invalid');
  });

  it('refuses malformed signatures without throwing', () => {
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    for (const bad of [
      '',
      flipped,
      signature.slice(0, 42),
      `${signature}A`,
      `${signature}=`,
      signature.replaceAll('-', '+').replaceAll('_', '/'),
      Buffer.from(signature, 'base64url').toString('hex'),
      `${signature.slice(0, 42)}!`,
      '\u0000'.repeat(43),
    ]) {
      if (bad === signature) continue; // the +/ variant equals it when neither occurs
      expect(verifyGrant(grant, bad, SECRET, NOW)).toBe('invalid');
    }
  });

  it("takes one spelling of a signature: the last character's spare bits cannot vary", () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1) ?? 'A');
    // The three other characters that decode to the same 32 bytes.
    const twins = [0, 1, 2, 3]
      .map((spare) => alphabet[(last & ~3) | spare] ?? '')
      .filter((c) => c !== signature.at(-1))
      .map((c) => signature.slice(0, 42) + c);
    expect(twins).toHaveLength(3);
    for (const twin of twins) {
      expect(Buffer.from(twin, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      expect(verifyGrant(grant, twin, SECRET, NOW)).toBe('invalid');
    }
  });

  it('compares same-length signatures with timingSafeEqual, wherever they differ', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    const last = signature.at(-1) === 'A' ? 'Q' : 'A';
    const early = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const late = signature.slice(0, 42) + last;
    for (const candidate of [early, late, signature]) {
      compare.mockClear();
      verifyGrant(grant, candidate, SECRET, NOW);
      expect(compare).toHaveBeenCalledTimes(1);
      const [a, b] = compare.mock.calls[0] ?? [];
      expect((a as Buffer).length).toBe(43);
      expect((b as Buffer).length).toBe(43);
    }
    expect(verifyGrant(grant, early, SECRET, NOW)).toBe('invalid');
    expect(verifyGrant(grant, late, SECRET, NOW)).toBe('invalid');
  });
});

describe('parseRange', () => {
  const size = 1000;
  it.each<[string | null, number, ReturnType<typeof parseRange>]>([
    [null, size, null],
    ['', size, null],
    ['bytes=0-99', size, { start: 0, end: 99 }],
    ['bytes=0-0', size, { start: 0, end: 0 }],
    // Open-ended, past the end, and suffix ranges all stop at the last byte.
    ['bytes=100-', size, { start: 100, end: size - 1 }],
    ['bytes=999-', size, { start: size - 1, end: size - 1 }],
    ['bytes=999-999', size, { start: 999, end: 999 }],
    ['bytes=500-5000', size, { start: 500, end: size - 1 }],
    ['bytes=0-99999999999999999999', size, { start: 0, end: size - 1 }],
    ['bytes=-100', size, { start: size - 100, end: size - 1 }],
    ['bytes=-1', size, { start: size - 1, end: size - 1 }],
    ['bytes=-5000', size, { start: 0, end: size - 1 }],
    ['BYTES=10-19', size, { start: 10, end: 19 }],
    ['bytes= 10 - 19 ', size, { start: 10, end: 19 }],
    // Unsatisfiable: 416 with Content-Range: bytes */size.
    ['bytes=1000-', size, 'unsatisfiable'],
    ['bytes=1000-1001', size, 'unsatisfiable'],
    ['bytes=99999999999999999999-', size, 'unsatisfiable'],
    ['bytes=-0', size, 'unsatisfiable'],
    ['bytes=20-10', size, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=-5', 0, 'unsatisfiable'],
    // Not a single byte range the server must honour: the whole file (200).
    ['bytes=', size, null],
    ['bytes=-', size, null],
    ['bytes=0-9,20-29', size, null],
    ['bytes=-5-10', size, null],
    ['bytes=1.5-3', size, null],
    ['bytes=0x10-20', size, null],
    ['items=0-9', size, null],
    ['0-9', size, null],
  ])('%j of a %i-byte file', (header, fileSize, expected) => {
    expect(parseRange(header, fileSize)).toEqual(expected);
  });
});

describe('signed links and the account behind them', () => {
  beforeAll(async () => {
    // The seed (run before the suites) ships the releases; a bare database gets them here.
    if (!(await db.release.findUnique({ where: { id: grant.releaseId } }))) await seedReleases();
  });

  /** What the file route passes to authorizeDownload for a link. */
  const requestFor = (link: DownloadLink) => {
    const query = new URL(link.url).searchParams;
    return {
      releaseId: link.releaseId,
      platform: link.platform,
      customer: query.get('customer'),
      expires: query.get('expires'),
      signature: query.get('signature'),
    };
  };

  const refusal = (promise: Promise<unknown>): Promise<ErrorView> => rejectionView(promise);

  it('a link minted while the account was active stops working once it is deactivated', async () => {
    const user = await createTestUser();
    await grantLicense(user.id);
    const link = await mintDownloadUrl(user.id, grant.releaseId);
    await expect(authorizeDownload(requestFor(link))).resolves.toMatchObject({
      sha256: link.sha256,
    });

    await db.user.update({ where: { id: user.id }, data: { active: false } });
    const refused = await refusal(authorizeDownload(requestFor(link)));
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refused.message).toMatch(/no longer active/);
    // No session can mint for it (sign-in refuses an inactive account), and nor can the domain.
    expect(await refusal(mintDownloadUrl(user.id, grant.releaseId))).toMatchObject({
      status: 403,
      code: 'LICENSE_REQUIRED',
    });

    // Reactivated, the same unexpired link works again: the account was the only reason.
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    await expect(authorizeDownload(requestFor(link))).resolves.toMatchObject({
      sha256: link.sha256,
    });
  });
});
