import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { readSessionCookie, sessionFromCookie } from './browser-session';
import type { ActiveSession } from './sessions';

/** The request's session, loaded once per request from the database (never trusted from the cookie alone). */
export const getCurrentSession = cache(async (): Promise<ActiveSession | null> => {
  return sessionFromCookie(readSessionCookie(await cookies()));
});

async function currentPath(): Promise<string> {
  return (await headers()).get('x-portal-path') ?? '/dashboard';
}

/**
 * Every portal page, layout and server action calls this. No session: off to
 * sign-in, coming back afterwards. Must change the password: nowhere but
 * /change-password.
 */
export async function requireSession(
  options: { allowPasswordChange?: boolean } = {},
): Promise<ActiveSession> {
  const session = await getCurrentSession();
  if (!session) {
    redirect(`/login?callbackUrl=${encodeURIComponent(await currentPath())}`);
  }
  if (session.user.forcePasswordChange && !options.allowPasswordChange) {
    redirect('/change-password');
  }
  return session;
}
