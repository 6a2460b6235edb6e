/**
 * The client address behind every per-address rate limit (lib/http/client-ip.ts): the app takes
 * it only from scripts/server.ts, which signs it with a key drawn at start; anything else throws
 * (a 500 that says how to serve the portal) instead of letting callers pick their own key or
 * share `unknown`. Ports are stripped, and IPv6 callers are counted per /64.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_KEY_ENV,
  UnsignedClientIpError,
  clientIpFromHeaders,
  ipRateLimitKey,
  markClientIp,
  resolveClientIp,
  verifyClientIpMark,
} from '@/lib/http/client-ip';
import { logger } from '@/lib/log';
import { clientIpHeaders } from '../support/client-ip';

const KEY = randomBytes(32).toString('base64url');
process.env[CLIENT_IP_KEY_ENV] = KEY;

function headers(value?: string): Headers {
  return new Headers(value === undefined ? {} : { [CLIENT_IP_HEADER]: value });
}

function refusal(h: Headers): unknown {
  try {
    clientIpFromHeaders(h);
  } catch (err) {
    return err;
  }
  throw new Error('clientIpFromHeaders accepted the header');
}

afterEach(() => {
  process.env[CLIENT_IP_KEY_ENV] = KEY;
  vi.restoreAllMocks();
});

describe('clientIpFromHeaders', () => {
  it('returns the address a valid mark vouches for', () => {
    for (const ip of ['203.0.113.7', '2001:db8::1', 'unknown']) {
      expect(clientIpFromHeaders(headers(markClientIp(ip, KEY)))).toBe(ip);
    }
    // What the tests' helper builds is what scripts/server.ts builds.
    expect(clientIpFromHeaders(new Headers(clientIpHeaders('10.9.8.7')))).toBe('10.9.8.7');
    expect(markClientIp('10.9.8.7', KEY)).toMatch(/^10\.9\.8\.7;[\w-]{43}$/);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a bare address, as a caller of plain `next start` would send', '203.0.113.7'],
    ['an address with an empty mark', '203.0.113.7;'],
    ['a forged mark', `203.0.113.7;${'A'.repeat(43)}`],
    [
      'a mark for another address',
      markClientIp('198.51.100.1', KEY).replace(/^[^;]+/, '203.0.113.7'),
    ],
    [
      'a mark under another key',
      markClientIp('203.0.113.7', randomBytes(32).toString('base64url')),
    ],
    ['a truncated mark', markClientIp('203.0.113.7', KEY).slice(0, -1)],
    ['a mark with something appended', `${markClientIp('203.0.113.7', KEY)}x`],
  ])('throws for %s, saying the portal must be served by scripts/server.ts', (_, value) => {
    const err = refusal(headers(value));
    expect(err).toBeInstanceOf(UnsignedClientIpError);
    expect((err as Error).message).toMatch(/must be served by scripts\/server\.ts/);
  });

  it('throws when the process has no key (not started by scripts/server.ts)', () => {
    const value = markClientIp('203.0.113.7', KEY);
    delete process.env[CLIENT_IP_KEY_ENV];
    expect(refusal(headers(value))).toBeInstanceOf(UnsignedClientIpError);
    process.env[CLIENT_IP_KEY_ENV] = '';
    expect(refusal(headers(value))).toBeInstanceOf(UnsignedClientIpError);
    expect(verifyClientIpMark(value, undefined)).toBeNull();
  });

  it('logs one clear error line per process, not one per request', async () => {
    // A fresh module: the line is logged once per process, and earlier tests used this one up.
    vi.resetModules();
    const fresh = await import('@/lib/http/client-ip');
    const { logger: freshLogger } = await import('@/lib/log');
    expect(freshLogger).toBe(logger);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < 3; i += 1) {
      expect(() => fresh.clientIpFromHeaders(headers('203.0.113.7'))).toThrow(
        fresh.UnsignedClientIpError,
      );
    }
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'client_ip_unsigned' }),
      expect.stringMatching(/must be served by scripts\/server\.ts/),
    );
  });
});

describe('resolveClientIp strips ports', () => {
  it.each([
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[::ffff:1.2.3.4]:80', '1.2.3.4'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('from the socket address %s', (socketAddress, expected) => {
    expect(resolveClientIp({ socketAddress, forwardedFor: undefined, trustedHops: 0 })).toBe(
      expected,
    );
  });

  it('from X-Forwarded-For entries, and refuses what is still not an address', () => {
    const resolve = (forwardedFor: string) =>
      resolveClientIp({ socketAddress: '10.0.0.5', forwardedFor, trustedHops: 1 });
    expect(resolve('203.0.113.7:51000')).toBe('203.0.113.7');
    expect(resolve('[2001:db8::7]:51000')).toBe('2001:db8::7');
    for (const junk of ['1.2.3.4:port', '[2001:db8::1', '1.2.3.4:5:6', '999.1.1.1:80', 'a.b:1']) {
      expect(resolve(junk)).toBe('10.0.0.5');
    }
  });
});

describe('ipRateLimitKey', () => {
  it('keys IPv6 addresses by their /64, with :: expanded', () => {
    const key = ipRateLimitKey('2001:db8:1:2::5');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const same of [
      '2001:db8:1:2:ffff::1',
      '2001:0db8:0001:0002:0000:0000:0000:0001',
      '2001:DB8:1:2:aaaa:bbbb:cccc:dddd',
      '[2001:db8:1:2::9]:443',
    ]) {
      expect(ipRateLimitKey(same)).toBe(key);
    }
    // `::` in the first half: its zeros belong to the prefix.
    expect(ipRateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipRateLimitKey('2001:db8::1:0:0:1')).toBe('2001:db8:0:0::/64');
    expect(ipRateLimitKey('2001:db8:0:1::1')).not.toBe(ipRateLimitKey('2001:db8::1'));
    expect(ipRateLimitKey('2001:db8:1:3::5')).not.toBe(key);
    expect(ipRateLimitKey('1:2:3:4:5:6:7:8')).toBe('1:2:3:4::/64');
  });

  it('gives IPv4 and IPv4-mapped IPv6 the IPv4 address', () => {
    expect(ipRateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipRateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipRateLimitKey('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(ipRateLimitKey('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
    // Two IPv4 clients never share a key through the /64 rule.
    expect(ipRateLimitKey('::ffff:203.0.113.8')).not.toBe(ipRateLimitKey('::ffff:203.0.113.7'));
  });

  it('leaves anything that is not an address as it is', () => {
    expect(ipRateLimitKey('unknown')).toBe('unknown');
  });
});
