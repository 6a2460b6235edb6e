/**
 * Pure helpers behind sign-in: the callbackUrl filter (only same-origin paths are followed)
 * and the client address a rate limit counts against (X-Forwarded-For only via trusted hops).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_LOGIN, safeCallbackPath } from '@/lib/auth/safe-redirect';
import { resolveClientIp } from '@/lib/http/client-ip';

describe('safeCallbackPath', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeCallbackPath('/account/security?x=1')).toBe('/account/security?x=1');
  });

  it.each([
    ['//evil.example'],
    ['/\\evil.example'],
    ['https://evil.example'],
    ['javascript:alert(1)'],
    ['/\r\nSet-Cookie: a=b'],
    ['/%0d%0aSet-Cookie'],
    [''],
  ])('sends %j to the dashboard', (raw) => {
    expect(DEFAULT_AFTER_LOGIN).toBe('/dashboard');
    expect(safeCallbackPath(raw)).toBe('/dashboard');
  });
});

describe('resolveClientIp', () => {
  const chain = '203.0.113.7, 198.51.100.1, 192.0.2.9';

  it('ignores X-Forwarded-For entirely with no trusted hops', () => {
    expect(
      resolveClientIp({ socketAddress: '10.0.0.5', forwardedFor: chain, trustedHops: 0 }),
    ).toBe('10.0.0.5');
    expect(
      resolveClientIp({ socketAddress: '10.0.0.5', forwardedFor: '1.2.3.4', trustedHops: 0 }),
    ).toBe('10.0.0.5');
  });

  it('takes the entry as many hops back as there are trusted proxies', () => {
    expect(
      resolveClientIp({ socketAddress: '10.0.0.5', forwardedFor: chain, trustedHops: 1 }),
    ).toBe('192.0.2.9');
    expect(
      resolveClientIp({ socketAddress: '10.0.0.5', forwardedFor: chain, trustedHops: 2 }),
    ).toBe('198.51.100.1');
    // Repeated headers arrive as an array; they form one chain.
    expect(
      resolveClientIp({
        socketAddress: '10.0.0.5',
        forwardedFor: ['203.0.113.7', '198.51.100.1, 192.0.2.9'],
        trustedHops: 2,
      }),
    ).toBe('198.51.100.1');
  });

  it('falls back to the socket address for garbage, missing or too-short chains', () => {
    const socket = '10.0.0.5';
    for (const forwardedFor of ['not-an-ip', '<script>', 'evil.example', '', undefined]) {
      expect(resolveClientIp({ socketAddress: socket, forwardedFor, trustedHops: 1 })).toBe(socket);
    }
    expect(
      resolveClientIp({ socketAddress: socket, forwardedFor: '1.2.3.4', trustedHops: 2 }),
    ).toBe(socket);
  });

  it('normalises IPv4-mapped IPv6 addresses', () => {
    expect(
      resolveClientIp({ socketAddress: '::ffff:1.2.3.4', forwardedFor: chain, trustedHops: 0 }),
    ).toBe('1.2.3.4');
    expect(
      resolveClientIp({
        socketAddress: '10.0.0.5',
        forwardedFor: '::ffff:5.6.7.8',
        trustedHops: 1,
      }),
    ).toBe('5.6.7.8');
    expect(
      resolveClientIp({ socketAddress: undefined, forwardedFor: undefined, trustedHops: 0 }),
    ).toBe('unknown');
  });
});
