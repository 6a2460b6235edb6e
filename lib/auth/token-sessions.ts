import 'server-only';
import { unauthorized } from '@/lib/errors';
import { changeOwnPassword } from './change-password';
import { revokeSession, type ActiveSession, type SessionSurface } from './sessions';
import type { LinkOutcome, ProviderIdentity } from '@/lib/accounts/linked-accounts';
import { registerAccount, type RegisterInput } from '@/lib/accounts/lifecycle';
import {
  signIn,
  signInNewAccount,
  signInWithProvider,
  type SignInResult,
  type SignedInUser,
} from './sign-in';
import {
  REFRESH_TOKEN_TTL_MS,
  issueRefreshToken,
  sessionIdForRefreshToken,
  signAccessToken,
} from './tokens';

export interface TokenLogin {
  user: SignedInUser;
  sessionId: string;
  accessToken: string;
  accessExpiresAt: Date;
  expiresIn: number;
  refreshToken: string;
}

/** Sign-in for the token surfaces: a session, a short access token and a rotating refresh token. */
export async function loginForTokens(input: {
  email: string;
  password: string;
  surface: SessionSurface;
  ip: string;
  userAgent: string | null;
}): Promise<TokenLogin> {
  return issueTokens(await signIn(input), input.surface);
}

/**
 * Registration that answers tokens at once (/api/v1's register): the account, then its session,
 * opened without a second password check (the registration just set the password).
 */
export async function registerForTokens(
  registration: RegisterInput,
  input: { surface: SessionSurface; ip: string; userAgent: string | null },
): Promise<TokenLogin> {
  const { email } = await registerAccount(registration);
  return issueTokens(await signInNewAccount({ ...input, email }), input.surface);
}

/**
 * The same tokens for an identity an OpenID provider vouched for (document 2's code exchange),
 * with what linking did.
 */
export async function loginWithProviderForTokens(
  identity: ProviderIdentity | (() => Promise<ProviderIdentity>),
  input: { surface: SessionSurface; ip: string; userAgent: string | null },
): Promise<TokenLogin & { outcome: LinkOutcome }> {
  const signedIn = await signInWithProvider(identity, input);
  return { ...(await issueTokens(signedIn, input.surface)), outcome: signedIn.outcome };
}

async function issueTokens(
  { user, session }: SignInResult,
  surface: SessionSurface,
): Promise<TokenLogin> {
  const [access, refreshToken] = await Promise.all([
    signAccessToken({ userId: user.id, sessionId: session.id, surface }),
    issueRefreshToken({
      sessionId: session.id,
      expiresAt: new Date(session.createdAt.getTime() + REFRESH_TOKEN_TTL_MS),
    }),
  ]);
  return {
    user,
    sessionId: session.id,
    accessToken: access.token,
    accessExpiresAt: access.expiresAt,
    expiresIn: access.expiresIn,
    refreshToken,
  };
}

export interface AccessTokenLogin {
  user: SignedInUser;
  sessionId: string;
  accessToken: string;
  accessExpiresAt: Date;
}

interface AccessTokenRequest {
  surface: SessionSurface;
  ttlSeconds: number;
  ip: string;
  userAgent: string | null;
  /**
   * The session outlives its token (the surface's 7 days), for surfaces that renew the token by
   * bearer (document 4's refresh); otherwise it lives exactly as long as the token.
   */
  renewable?: boolean;
}

/**
 * Sign-in for surfaces with one access token and no refresh token (document 1's /client):
 * the session lives exactly as long as the token, so `expires_at` is the whole truth.
 */
export async function loginForAccessToken(
  input: AccessTokenRequest & { email: string; password: string },
): Promise<AccessTokenLogin> {
  const { ttlSeconds: _ttl, renewable: _renewable, ...rest } = input;
  return issueAccessToken(await signIn({ ...rest, lifetime: lifetimeOf(input) }), input);
}

/**
 * Registration on a surface that answers a token at once (document 4's register): the account,
 * then its session, opened without a second password check (the registration just set it).
 */
export async function registerForAccessToken(
  registration: RegisterInput,
  input: AccessTokenRequest,
): Promise<AccessTokenLogin> {
  const { email } = await registerAccount(registration);
  const signedIn = await signInNewAccount({ ...input, email, lifetime: lifetimeOf(input) });
  return issueAccessToken(signedIn, input);
}

/** The session lives as long as its token, unless the surface renews the token. */
function lifetimeOf(input: AccessTokenRequest) {
  const ms = input.ttlSeconds * 1000;
  return input.renewable ? undefined : { idleMs: ms, absoluteMs: ms };
}

async function issueAccessToken(
  { user, session }: SignInResult,
  input: AccessTokenRequest,
): Promise<AccessTokenLogin> {
  const access = await signAccessToken({
    userId: user.id,
    sessionId: session.id,
    surface: input.surface,
    ttlSeconds: input.ttlSeconds,
  });
  return {
    user,
    sessionId: session.id,
    accessToken: access.token,
    accessExpiresAt: access.expiresAt,
  };
}

/**
 * Document 3's change of password: the current password is checked as on every surface (wrong
 * guesses count, and the fifth ends this session), every session ends, this one too, and a new
 * session starts with the new password, answered as a new token.
 */
export async function changePasswordForNewToken(
  session: ActiveSession,
  input: {
    currentPassword: string;
    newPassword: string;
    ttlSeconds: number;
    ip: string;
    userAgent: string | null;
  },
): Promise<AccessTokenLogin> {
  await changeOwnPassword(session, input);
  await revokeSession(session.id, 'password_changed');
  return loginForAccessToken({
    email: session.user.email,
    password: input.newPassword,
    surface: session.surface,
    ttlSeconds: input.ttlSeconds,
    ip: input.ip,
    userAgent: input.userAgent,
  });
}

/**
 * A new access token for the bearer's own session (document 4's refresh): never past the
 * session's end, 7 days after sign-in.
 */
export async function renewAccessToken(
  session: ActiveSession,
  ttlSeconds: number,
): Promise<{ token: string; expiresIn: number }> {
  const left = Math.floor((session.absoluteExpiresAt.getTime() - Date.now()) / 1000);
  const { token, expiresIn } = await signAccessToken({
    userId: session.user.id,
    sessionId: session.id,
    surface: session.surface,
    ttlSeconds: Math.max(1, Math.min(ttlSeconds, left)),
  });
  return { token, expiresIn };
}

/**
 * Logout by refresh token (document 5) or by the bearer's own session
 * (document 2): either way the whole session ends, on every surface. A refresh
 * token counts only on the surface that issued it; the bearer's session was
 * already checked by the route wrapper.
 */
export async function logoutSession(input: {
  surface: SessionSurface;
  refreshToken?: string;
  bearerSessionId?: string | null;
}): Promise<void> {
  const ids = new Set<string>();
  if (input.bearerSessionId) ids.add(input.bearerSessionId);
  if (input.refreshToken) {
    const sid = await sessionIdForRefreshToken(input.refreshToken, input.surface);
    if (!sid) throw unauthorized('REFRESH_TOKEN_INVALID', 'Invalid or expired refresh token');
    ids.add(sid);
  }
  if (ids.size === 0)
    throw unauthorized('UNAUTHENTICATED', 'Send a refresh_token or a bearer token');
  await Promise.all([...ids].map((id) => revokeSession(id, 'logged_out')));
}
