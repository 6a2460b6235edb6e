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

/** A signed link's fields: the first names what it grants, so one kind's signature never fits another. */
type Fields = readonly [kind: string, ...fields: string[]];
export type GrantCheck = 'valid' | 'invalid' | 'expired';

export function signFields(fields: Fields, secret: string): string {
  return createHmac('sha256', secret).update(fields.join('\n')).digest('base64url');
}

/** Checks `signature` over `fields` in constant time, then the expiry (Unix seconds). */
export function verifyFields(
  fields: Fields,
  expires: number,
  signature: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): GrantCheck {
  // Compared as text: base64url's last character carries two spare bits, so a decoded comparison
  // would take four spellings of one signature (a link altered in its last character still works).
  const expected = Buffer.from(signFields(fields, secret));
  const given = Buffer.from(signature);
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!same) return 'invalid';
  return expires >= nowSeconds ? 'valid' : 'expired';
}

const downloadFields = (g: DownloadGrant): Fields => [
  'download-v1',
  g.releaseId,
  g.platform,
  String(g.userId),
  String(g.expires),
];

export function signGrant(grant: DownloadGrant, secret: string): string {
  return signFields(downloadFields(grant), secret);
}

export function verifyGrant(
  grant: DownloadGrant,
  signature: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): GrantCheck {
  return verifyFields(downloadFields(grant), grant.expires, signature, secret, nowSeconds);
}
