/**
 * Only same-origin paths are followed after sign-in: `//evil.example`,
 * `/\evil.example`, absolute URLs and anything with control characters fall
 * back to the dashboard.
 */
export const DEFAULT_AFTER_LOGIN = '/dashboard';

function unsafe(path: string): boolean {
  return !path.startsWith('/') || path.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(path);
}

export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048) return DEFAULT_AFTER_LOGIN;
  // Checked as sent and once percent-decoded: `/%2F%2Fevil` or `/%0d%0a…` must not get through
  // a later decode either.
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if ([raw, decoded].some(unsafe)) return DEFAULT_AFTER_LOGIN;
  const base = 'http://portal.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== base) return DEFAULT_AFTER_LOGIN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path === '/login' || path.startsWith('/login?') || path.startsWith('/api/')) {
    return DEFAULT_AFTER_LOGIN;
  }
  return path;
}
