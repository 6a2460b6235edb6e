import { randomBytes } from 'node:crypto';

/**
 * License keys: XXXX-XXXX-XXXX-XXXX over 32 unambiguous characters (no 0/O, 1/I), 16 characters
 * from the CSPRNG: 80 bits. 32 divides 256, so masking a byte keeps every character equally likely.
 */
export const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LICENSE_KEY_PATTERN = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/;

export function generateLicenseKey(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => KEY_ALPHABET[byte & 31]);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
