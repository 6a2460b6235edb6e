/**
 * Session cookies over https (production): Secure and prefixed. lib/env caches
 * its reading per process, so this file sets APP_URL before loading the modules
 * (Vitest gives each file its own module state).
 */
import { describe, expect, it } from 'vitest';
import { publicDeploymentSecrets } from '../support/public-deployment';

describe('NextAuth cookies', () => {
  it('are HttpOnly, SameSite=Lax, Secure and __Secure-/__Host- prefixed over https', async () => {
    // A public origin needs its own secrets (issue 7).
    Object.assign(process.env, publicDeploymentSecrets());
    process.env.APP_URL = 'https://portal.example';
    const { nextAuthCookies, sessionCookieName, secureCookies } =
      await import('@/lib/auth/cookies');
    expect(secureCookies()).toBe(true);
    expect(sessionCookieName()).toBe('__Host-portal.session');
    const cookies = nextAuthCookies();
    for (const cookie of Object.values(cookies)) {
      expect(cookie.name).toMatch(/^__(Secure|Host)-portal\./);
      expect(cookie.options).toMatchObject({
        httpOnly: true,
        sameSite: 'lax',
        secure: true,
        path: '/',
      });
    }
    // __Host- cookies must not name a Domain; the session and CSRF cookies are.
    expect(cookies.sessionToken.name).toBe('__Host-portal.session');
    expect(cookies.sessionToken.options).not.toHaveProperty('domain');
    expect(cookies.csrfToken.name).toBe('__Host-portal.csrf');
    expect(cookies.csrfToken.options).not.toHaveProperty('domain');
  });
});
