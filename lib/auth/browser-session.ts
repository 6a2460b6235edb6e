import 'server-only';
import { decode } from 'next-auth/jwt';
import { getEnv } from '@/lib/env';
import { sessionCookieName } from './cookies';
import { validateSession, type ActiveSession } from './sessions';

/** The server-side session behind a NextAuth session cookie, or null. */
export async function sessionFromCookie(
  cookieValue: string | undefined,
): Promise<ActiveSession | null> {
  if (!cookieValue || cookieValue.length > 8192) return null;
  let sid: unknown;
  try {
    const jwt = await decode({ token: cookieValue, secret: getEnv().nextAuthSecret });
    sid = jwt?.sid;
  } catch {
    return null;
  }
  if (typeof sid !== 'string') return null;
  // Only sessions the portal's own sign-in opened travel in the cookie.
  const session = await validateSession(sid);
  return session?.surface === 'BROWSER' ? session : null;
}

export function readSessionCookie(cookies: {
  get(name: string): { value: string } | undefined;
}): string | undefined {
  return cookies.get(sessionCookieName())?.value;
}
