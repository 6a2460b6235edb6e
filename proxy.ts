import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAMES } from '@/lib/auth/cookies';
import { getEnv } from '@/lib/env';
import { preflightHeaders } from '@/lib/http/cors';
import { contentSecurityPolicy, newNonce } from '@/lib/http/security-headers';

const PORTAL_PREFIXES = [
  '/dashboard',
  '/contracts',
  '/purchases',
  '/billing',
  '/licenses',
  '/downloads',
  '/support',
  '/account',
  '/change-password',
  '/staff',
];

function isPortalPath(pathname: string): boolean {
  return PORTAL_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** NextAuth's own routes read their bodies themselves, so the body rules for pages apply. */
function isNextAuthPath(pathname: string): boolean {
  return /^\/api\/auth\/(signin|signout|callback|session|csrf|providers|_log|error)(\/|$)/.test(
    pathname,
  );
}

function isApiPath(pathname: string): boolean {
  return /^\/(api|client|v1)(\/|$)/.test(pathname);
}

const MAX_PAGE_BODY_BYTES = 64 * 1024;

/**
 * Stripe's additions to the page CSP. The buy and add-card forms redirect to Stripe's hosted
 * Checkout (the emulator's origin offline); before hydration that is a plain form post answered
 * by a 303, which `form-action` governs, so that origin is allowed as a form target. With a
 * publishable key, embedded Checkout needs Stripe.js and its frames.
 */
function stripeSources(): Record<string, string[]> {
  const stripe = getEnv().stripe;
  const checkout =
    stripe.mode === 'emulator' ? new URL(stripe.apiUrl).origin : 'https://checkout.stripe.com';
  const sources: Record<string, string[]> = { 'form-action': [checkout] };
  if (stripe.publishableKey) {
    // Browsers that honour 'strict-dynamic' load Stripe.js through the nonce; this source is for
    // older ones that ignore it.
    sources['script-src'] = ['https://js.stripe.com'];
    sources['frame-src'] = [
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://checkout.stripe.com',
      'https://hooks.stripe.com',
    ];
    sources['connect-src'] = ['https://api.stripe.com', 'https://checkout.stripe.com'];
    sources['img-src'] = ['https://*.stripe.com'];
  }
  return sources;
}

function withSources(csp: string, extra: Record<string, string[]>): string {
  const directives = csp.split('; ');
  for (const [name, values] of Object.entries(extra)) {
    const index = directives.findIndex((d) => d === name || d.startsWith(`${name} `));
    if (index === -1) directives.push(`${name} 'self' ${values.join(' ')}`);
    else directives[index] = `${directives[index]} ${values.join(' ')}`;
  }
  return directives.join('; ');
}

/**
 * Bodies for pages, server actions and NextAuth must declare their length and
 * stay under 64 KiB (browsers always send Content-Length for forms and
 * fetches). The JSON APIs stream and count chunked bodies themselves in
 * lib/http/body.ts, against MAX_BODY_BYTES.
 */
function refuseBody(request: NextRequest, api: boolean): NextResponse | null {
  const length = request.headers.get('content-length');
  const chunked = /chunked/i.test(request.headers.get('transfer-encoding') ?? '');
  if (api) return null;
  if (chunked && length === null) {
    return new NextResponse('Length Required', { status: 411 });
  }
  if (length !== null && Number(length) > MAX_PAGE_BODY_BYTES) {
    return new NextResponse('Payload Too Large', { status: 413 });
  }
  return null;
}

/**
 * Runs before every route: a per-request CSP nonce for pages, CORS preflights
 * for the API surfaces, and a redirect to sign-in when a portal page is asked
 * for with no session cookie at all. Whether a cookie's session is still valid
 * is decided by the page itself (lib/auth/guards), against the database.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;

  const oversized = refuseBody(request, isApiPath(pathname) && !isNextAuthPath(pathname));
  if (oversized) return oversized;

  if (isApiPath(pathname)) {
    if (request.method === 'OPTIONS') {
      const headers = preflightHeaders(request.headers.get('origin'));
      return new NextResponse(null, { status: headers ? 204 : 403, headers: headers ?? {} });
    }
    return NextResponse.next();
  }

  if (isPortalPath(pathname) && !SESSION_COOKIE_NAMES.some((n) => request.cookies.has(n))) {
    const login = new URL('/login', request.url);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const nonce = newNonce();
  const csp = withSources(
    contentSecurityPolicy(nonce, process.env.NODE_ENV !== 'production'),
    stripeSources(),
  );
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-portal-path', `${pathname}${search}`);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|favicon.svg|robots.txt).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};
