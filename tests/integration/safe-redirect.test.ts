/**
 * Issue 7, item 1: the callbackUrl filter checks the path it returns, after the URL parser has
 * normalised it. Every variant here reached another host before the fix.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_LOGIN, safeCallbackPath } from '@/lib/auth/safe-redirect';

const ORIGIN = 'https://portal.example.com';

/** Where a browser on the portal would land after `location.assign(result)`. */
const landing = (result: string) => new URL(result, ORIGIN);

describe('safeCallbackPath: open-redirect variants', () => {
  it.each([
    ['/.//evil.example/x'],
    ['/..//evil.example/x'],
    ['/%2e//evil.example/x'],
    ['/%2E%2E//evil.example/x'],
    ['/./%2F/evil.example'],
    ['/a/..//evil.example'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['/%5Cevil.example'],
    ['/%5cevil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['/%09/evil.example'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['https://evil.example/x'],
    [' //evil.example'],
    ['https://portal.example.com.evil.example/x'],
    ['https://portal.example.com@evil.example/x'],
  ])('sends %j to the dashboard', (raw) => {
    const result = safeCallbackPath(raw, ORIGIN);
    expect(result).toBe(DEFAULT_AFTER_LOGIN);
    expect(landing(result).origin).toBe(ORIGIN);
    // The same without a known origin.
    expect(safeCallbackPath(raw)).toBe(DEFAULT_AFTER_LOGIN);
  });

  it('never returns a string a browser would read as another host', () => {
    for (const raw of ['/.//evil.example', '/..//evil.example', '/%2e//evil.example']) {
      const result = safeCallbackPath(raw, ORIGIN);
      expect(result.startsWith('//')).toBe(false);
      expect(landing(result).host).toBe('portal.example.com');
    }
  });

  it('allows an absolute URL on the portal origin, as its path', () => {
    expect(safeCallbackPath(`${ORIGIN}/contracts?tab=active#top`, ORIGIN)).toBe(
      '/contracts?tab=active#top',
    );
    // …but not without knowing the origin, nor on another scheme or port.
    expect(safeCallbackPath(`${ORIGIN}/contracts`)).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackPath('http://portal.example.com/contracts', ORIGIN)).toBe(
      DEFAULT_AFTER_LOGIN,
    );
    expect(safeCallbackPath('https://portal.example.com:8443/contracts', ORIGIN)).toBe(
      DEFAULT_AFTER_LOGIN,
    );
  });

  it('keeps ordinary paths, resolving harmless dot segments', () => {
    expect(safeCallbackPath('/account/security?x=1', ORIGIN)).toBe('/account/security?x=1');
    expect(safeCallbackPath('/contracts/./12', ORIGIN)).toBe('/contracts/12');
    expect(safeCallbackPath('/purchases/%E2%9C%93', ORIGIN)).toBe('/purchases/%E2%9C%93');
  });

  it('never sends the customer back to sign-in or to an API', () => {
    expect(safeCallbackPath('/login?callbackUrl=//evil.example', ORIGIN)).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackPath('/.//login', ORIGIN)).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackPath('/api/v1/profile', ORIGIN)).toBe(DEFAULT_AFTER_LOGIN);
  });
});
