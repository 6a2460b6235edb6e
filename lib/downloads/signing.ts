import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed download links: an HMAC-SHA256 over the release, the platform, the customer and the
 * expiry, compared in constant time. Changing any of the four invalidates the signature.
 */
export interface DownloadGrant {
  releaseId: string;
  platform: string;
  userId: number;
  /** Unix seconds. */
  expires: number;
}

const payload = (g: DownloadGrant) =>
  ['download-v1', g.releaseId, g.platform, String(g.userId), String(g.expires)].join('\n');

export function signGrant(grant: DownloadGrant, secret: string): string {
  return createHmac('sha256', secret).update(payload(grant)).digest('base64url');
}

export function verifyGrant(
  grant: DownloadGrant,
  signature: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): 'valid' | 'invalid' | 'expired' {
  const expected = Buffer.from(signGrant(grant, secret), 'base64url');
  const given = Buffer.from(/^[A-Za-z0-9_-]{43}$/.test(signature) ? signature : '', 'base64url');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!same) return 'invalid';
  return grant.expires >= nowSeconds ? 'valid' : 'expired';
}
