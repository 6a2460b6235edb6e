import { getEnv } from '@/lib/env';

/**
 * Cookie names and flags for NextAuth. Over https (production) the cookies are
 * Secure and prefixed: __Host- where the cookie needs no Domain, __Secure-
 * otherwise. Plain http is only ever localhost (lib/env refuses it elsewhere
 * in production), where browsers would drop Secure cookies.
 */
export function secureCookies(): boolean {
  return getEnv().appUrl.startsWith('https://');
}

/**
 * `__Host-`: Secure, Path=/ and no Domain, so neither a sibling subdomain nor plain http can set
 * or shadow it. (Sessions from the earlier `__Secure-` name sign in again.)
 */
export function sessionCookieName(): string {
  return secureCookies() ? '__Host-portal.session' : 'portal.session';
}

/** Any cookie that may carry a portal session: the proxy redirects only when none is present. */
export const SESSION_COOKIE_NAMES = ['__Host-portal.session', 'portal.session'] as const;

export function nextAuthCookies() {
  const secure = secureCookies();
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    sessionToken: { name: sessionCookieName(), options: base },
    callbackUrl: {
      name: secure ? '__Secure-portal.callback-url' : 'portal.callback-url',
      options: base,
    },
    csrfToken: { name: secure ? '__Host-portal.csrf' : 'portal.csrf', options: base },
    pkceCodeVerifier: {
      name: secure ? '__Secure-portal.pkce' : 'portal.pkce',
      options: { ...base, maxAge: 900 },
    },
    state: {
      name: secure ? '__Secure-portal.state' : 'portal.state',
      options: { ...base, maxAge: 900 },
    },
    nonce: { name: secure ? '__Secure-portal.nonce' : 'portal.nonce', options: base },
  };
}
