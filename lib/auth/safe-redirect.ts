/**
 * Only same-origin paths are followed after sign-in: `//evil.example`,
 * `/\evil.example`, foreign absolute URLs and anything with control characters
 * fall back to the dashboard.
 *
 * The check runs on the string that is returned, after the URL parser has
 * normalised it: the parser turns `/.//evil.example` (and `/..//`, `/%2e//`)
 * into `//evil.example`, which a browser reads as another host.
 */
export const DEFAULT_AFTER_LOGIN = '/dashboard';

const FORBIDDEN_CHARS = /[\\\u0000-\u001f\u007f]/;

function unsafePath(path: string): boolean {
  return !path.startsWith('/') || path.startsWith('//') || FORBIDDEN_CHARS.test(path);
}

function decodeOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * @param portalOrigin the portal's own origin (APP_URL): an absolute URL on it is allowed and
 *   turned into its path. Without it, only paths are accepted.
 */
export function safeCallbackPath(raw: string | null | undefined, portalOrigin?: string): string {
  if (!raw || raw.length > 2048) return DEFAULT_AFTER_LOGIN;
  const decodedRaw = decodeOrNull(raw);
  // Checked as sent and once percent-decoded: `/%5Cevil` or `/%0d%0a…` must not get through a
  // later decode either.
  if (decodedRaw === null || [raw, decodedRaw].some((s) => FORBIDDEN_CHARS.test(s))) {
    return DEFAULT_AFTER_LOGIN;
  }
  const base = portalOrigin ? new URL(portalOrigin).origin : 'http://portal.invalid';
  if (!raw.startsWith('/') && !(portalOrigin && raw.startsWith(`${base}/`))) {
    return DEFAULT_AFTER_LOGIN;
  }
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== base) return DEFAULT_AFTER_LOGIN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  const decodedPath = decodeOrNull(path);
  if (decodedPath === null || unsafePath(path) || unsafePath(decodedPath)) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.pathname === '/login' || url.pathname.startsWith('/api/')) return DEFAULT_AFTER_LOGIN;
  return path;
}
