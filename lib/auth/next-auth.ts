import 'server-only';
import type { NextAuthOptions, Profile, User } from 'next-auth';
import type { AdapterUser } from 'next-auth/adapters';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { providerClaimsSchema } from '@/lib/accounts/linked-accounts';
import { getEnv, type OidcSettings } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIpFromHeaders } from '@/lib/http/client-ip';
import { logger } from '@/lib/log';
import { loginSchema } from '@/lib/validations/auth';
import { nextAuthCookies } from './cookies';
import { revokeSession, validateSession } from './sessions';
import { signIn, signInWithProvider } from './sign-in';

/** NextAuth's id of the OpenID provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';

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

/** The OpenID provider behind "Continue with Auth0": NextAuth runs the code flow and checks. */
function oidcProvider(settings: OidcSettings): OAuthConfig<Record<string, unknown>> {
  const base = settings.issuer.endsWith('/') ? settings.issuer : `${settings.issuer}/`;
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: 'oauth',
    wellKnown: new URL('.well-known/openid-configuration', base).href,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    client: { token_endpoint_auth_method: 'client_secret_basic' },
    authorization: { params: { scope: 'openid email profile' } },
    // The ID token is verified (signature, issuer, audience, expiry) and its nonce, state and
    // PKCE are checked by NextAuth's openid-client before any callback below runs.
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(claims) {
      const sub = typeof claims.sub === 'string' ? claims.sub : '';
      return { id: sub, email: typeof claims.email === 'string' ? claims.email : null };
    },
  };
}

/**
 * The browser's sign-in through the OpenID provider: the verified ID token's claims pick or make
 * the account (lib/accounts/linked-accounts.ts), and a portal session starts as after a password.
 * A refusal goes back to the sign-in page as a code the page explains.
 */
async function providerSignIn(
  user: User | AdapterUser,
  profile: Profile | undefined,
  request: Headers | undefined,
): Promise<true | string> {
  const settings = getEnv().oidc;
  const claims = providerClaimsSchema.safeParse(profile ?? {});
  const issuer = profile && 'iss' in profile && typeof profile.iss === 'string' ? profile.iss : '';
  const refuse = (code: string) => `${getEnv().appUrl}/login?error=${encodeURIComponent(code)}`;
  if (!settings || !claims.success || !issuer) return refuse('OIDC_LINK_REFUSED');
  try {
    const { session } = await signInWithProvider(
      { issuer, providerName: settings.name, claims: claims.data },
      {
        surface: 'BROWSER',
        ip: clientIpFromHeaders(request ?? new Headers()),
        userAgent: request?.get('user-agent') ?? null,
      },
    );
    Object.assign(user, { sid: session.id });
    return true;
  } catch (err) {
    if (err instanceof AppError) return refuse(err.code);
    // Never into the URL: NextAuth would put the message there.
    logger.error(
      { event: 'oidc_sign_in_failed', error: err instanceof Error ? err.message : String(err) },
      'sign-in through the OpenID provider failed',
    );
    return refuse('INTERNAL');
  }
}

/**
 * NextAuth's options, built per request: `request` (the incoming headers) gives the provider
 * sign-in its client address and user agent, as the credentials sign-in reads them.
 */
export function authOptions(request?: Headers): NextAuthOptions {
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
      ...(env.oidc ? [oidcProvider(env.oidc)] : []),
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
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        return providerSignIn(user, profile, request);
      },
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
