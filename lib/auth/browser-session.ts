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
  return typeof sid === 'string' ? validateSession(sid) : null;
}

export function readSessionCookie(cookies: {
  get(name: string): { value: string } | undefined;
}): string | undefined {
  return cookies.get(sessionCookieName())?.value;
}
