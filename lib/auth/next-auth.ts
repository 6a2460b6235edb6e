import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIpFromHeaders } from '@/lib/http/client-ip';
import { logger } from '@/lib/log';
import { loginSchema } from '@/lib/validations/auth';
import { nextAuthCookies } from './cookies';
import { revokeSession, validateSession } from './sessions';
import { signIn } from './sign-in';

/**
 * NextAuth with a JWT that carries only the server-side session id (`sid`).
 * The session row is the truth: every request re-reads it (lib/auth/guards),
 * so sign-out, revocation and password changes take effect at once.
 * Errors surface to the sign-in form as stable codes.
 */
const ENDED_SESSION = 'SESSION_ENDED';

/** NextAuth's own log lines, into the portal's log; an ended session is routine, not an error. */
const nextAuthLogger: NextAuthOptions['logger'] = {
  error(code, metadata) {
    const message = (metadata instanceof Error ? metadata : metadata.error)?.message;
    if (code === 'JWT_SESSION_ERROR' && message === ENDED_SESSION) {
      logger.info({ event: 'nextauth_session_ended' }, 'session check for an ended session');
      return;
    }
    logger.error({ event: 'nextauth_error', code, message }, 'NextAuth error');
  },
  warn(code) {
    logger.warn({ event: 'nextauth_warning', code }, 'NextAuth warning');
  },
  debug() {},
};

export function authOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.nextAuthSecret,
    session: { strategy: 'jwt', maxAge: env.SESSION_ABSOLUTE_HOURS * 3600 },
    jwt: { maxAge: env.SESSION_ABSOLUTE_HOURS * 3600 },
    cookies: nextAuthCookies(),
    useSecureCookies: env.appUrl.startsWith('https://'),
    pages: { signIn: '/login', error: '/login' },
    logger: nextAuthLogger,
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const parsed = loginSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error('INVALID_CREDENTIALS');
          const headers = new Headers();
          for (const [key, value] of Object.entries(req.headers ?? {})) {
            if (typeof value === 'string') headers.set(key, value);
          }
          try {
            const { user, session } = await signIn({
              ...parsed.data,
              surface: 'BROWSER',
              ip: clientIpFromHeaders(headers),
              userAgent: headers.get('user-agent'),
            });
            return {
              id: String(user.id),
              email: user.email,
              name: `${user.firstName} ${user.lastName}`.trim(),
              sid: session.id,
            };
          } catch (err) {
            if (err instanceof AppError) {
              const retry = err.retryAfterSeconds;
              throw new Error(retry ? `${err.code}:${retry}` : err.code);
            }
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      // Also runs for NextAuth's own /api/auth/session: a revoked, expired or stale session must
      // not be described (or its cookie renewed) there. Throwing makes NextAuth answer an empty
      // session and clear the cookie.
      async jwt({ token, user }) {
        if (user && 'sid' in user && typeof user.sid === 'string') {
          token.sid = user.sid;
          return token;
        }
        const session = typeof token.sid === 'string' ? await validateSession(token.sid) : null;
        if (session?.surface !== 'BROWSER') throw new Error(ENDED_SESSION);
        return token;
      },
      // The browser's session object carries nothing the server relies on.
      session({ session }) {
        return session;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // fall through to the safe default
        }
        return `${baseUrl}/dashboard`;
      },
    },
    events: {
      async signOut({ token }) {
        if (token && typeof token.sid === 'string') await revokeSession(token.sid, 'signed_out');
      },
    },
  };
}
