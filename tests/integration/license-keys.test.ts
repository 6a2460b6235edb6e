/** License keys: XXXX-XXXX-XXXX-XXXX over 32 unambiguous characters, unique, evenly spread. */
import { describe, expect, it } from 'vitest';
import { generateLicenseKey, KEY_ALPHABET, LICENSE_KEY_PATTERN } from '@/lib/licenses/keys';

describe('license keys', () => {
  it('uses 32 distinct characters without the ambiguous 0/O and 1/I', () => {
    expect(KEY_ALPHABET).toHaveLength(32);
    expect(new Set(KEY_ALPHABET).size).toBe(32);
    expect(KEY_ALPHABET).toMatch(/^[A-Z2-9]+$/);
    for (const ambiguous of ['0', 'O', '1', 'I']) expect(KEY_ALPHABET).not.toContain(ambiguous);
  });

  it('has the XXXX-XXXX-XXXX-XXXX shape, and the pattern refuses near misses', () => {
    const key = generateLicenseKey();
    expect(key).toMatch(LICENSE_KEY_PATTERN);
    expect(key).toHaveLength(19);
    for (const bad of [
      'ABCD-EFGH-JKLM-NPQ',
      'ABCD-EFGH-JKLM-NPQRS',
      'ABCDEFGHJKLMNPQR',
      'abcd-efgh-jklm-npqr',
      'ABCD-EFGH-JKLM-NPQ0',
      'ABCD-EFGH-JKLM-NPQO',
      'ABCD-EFGH-JKLM-NPQ1',
      'ABCD-EFGH-JKLM-NPQI',
      'ABCD_EFGH_JKLM_NPQR',
      ' ABCD-EFGH-JKLM-NPQR',
      'ABCD-EFGH-JKLM-NPQR\n',
    ]) {
      expect(bad).not.toMatch(LICENSE_KEY_PATTERN);
    }
  });

  it('10,000 keys are unique and spread evenly over all 32 characters', () => {
    const keys = Array.from({ length: 10_000 }, generateLicenseKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => LICENSE_KEY_PATTERN.test(key))).toBe(true);

    const counts = new Map<string, number>();
    for (const key of keys) {
      for (const char of key.replaceAll('-', '')) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...KEY_ALPHABET].sort().join(''));
    // Chi-square over 160,000 characters, 31 degrees of freedom: the mean is 31 and 80 is
    // exceeded by chance about once in a million runs, while a bias as small as one character
    // at twice its share would score in the thousands.
    const total = keys.length * 16;
    const expected = total / KEY_ALPHABET.length;
    const chiSquare = [...counts.values()].reduce(
      (sum, n) => sum + (n - expected) ** 2 / expected,
      0,
    );
    expect(chiSquare).toBeLessThan(80);
    for (const n of counts.values()) {
      expect(n / expected).toBeGreaterThan(0.9);
      expect(n / expected).toBeLessThan(1.1);
    }
  });

  it('every position of the key is evenly spread too (no fixed or skewed column)', () => {
    const keys = Array.from({ length: 10_000 }, () => generateLicenseKey().replaceAll('-', ''));
    for (let position = 0; position < 16; position += 1) {
      const seen = new Set(keys.map((key) => key[position]));
      expect(seen.size).toBe(32);
    }
  });
});
