import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError, unauthorized } from '@/lib/errors';
import {
  revokeSession,
  validateSession,
  type ActiveSession,
  type SessionSurface,
} from './sessions';

const ISSUER = 'sense-portal';

/** The audience a surface's tokens carry, so a token names the one surface it is valid on. */
export function tokenAudience(surface: SessionSurface): string {
  return `${ISSUER}:${surface.toLowerCase()}`;
}

const wrongSurface = () =>
  unauthorized('TOKEN_WRONG_SURFACE', 'This token was not issued for this API; sign in here');
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

/** The HMAC key, imported once: importing it per verification tripled the cost of a check. */
function signingKey(): Promise<CryptoKey> {
  const secret = getEnv().jwtSecret;
  if (cachedKey?.secret !== secret) {
    cachedKey = {
      secret,
      key: crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      ),
    };
  }
  return cachedKey.key;
}

/** An HS256 JWT carrying the session id; the session row decides whether it still works. */
export async function signAccessToken(input: {
  userId: number;
  sessionId: string;
  surface: SessionSurface;
  ttlSeconds?: number;
}): Promise<{ token: string; expiresAt: Date; expiresIn: number }> {
  const expiresIn = input.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ sid: input.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(input.userId))
    .setIssuer(ISSUER)
    .setAudience(tokenAudience(input.surface))
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + expiresIn)
    .setJti(randomBytes(12).toString('base64url'))
    .sign(await signingKey());
  return { token, expiresAt: new Date((nowSeconds + expiresIn) * 1000), expiresIn };
}

/**
 * Verifies signature (HS256 only: `alg: none` and other algorithms fail),
 * expiry, issuer and audience, then loads the session: a revoked session's
 * token is refused at once, and so is a session another surface opened.
 * Tokens issued before audiences existed carry none; their session's surface
 * alone decides where they work.
 */
export async function authenticateAccessToken(
  token: string,
  accepted: readonly SessionSurface[],
): Promise<ActiveSession> {
  let sessionId: unknown;
  let subject: string | undefined;
  let audience: string[] | null;
  try {
    const { payload } = await jwtVerify(token, await signingKey(), {
      algorithms: ['HS256'],
      issuer: ISSUER,
    });
    sessionId = payload.sid;
    subject = payload.sub;
    audience =
      payload.aud === undefined ? null : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw unauthorized('TOKEN_EXPIRED', 'Access token has expired');
    }
    throw unauthorized('TOKEN_INVALID', 'Invalid access token');
  }
  if (typeof sessionId !== 'string') throw unauthorized('TOKEN_INVALID', 'Invalid access token');
  if (audience && !accepted.some((surface) => audience.includes(tokenAudience(surface)))) {
    throw wrongSurface();
  }
  const session = await validateSession(sessionId);
  if (!session || String(session.user.id) !== subject) {
    throw unauthorized('SESSION_REVOKED', 'Session has ended; sign in again');
  }
  if (!accepted.includes(session.surface)) throw wrongSurface();
  if (audience && !audience.includes(tokenAudience(session.surface))) throw wrongSurface();
  return session;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** An opaque 256-bit refresh token; only its hash is stored. */
export async function issueRefreshToken(input: {
  sessionId: string;
  expiresAt: Date;
}): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.refreshToken.create({
    data: {
      tokenHash: hashRefreshToken(token),
      sessionId: input.sessionId,
      expiresAt: input.expiresAt,
    },
  });
  return token;
}

const invalidRefresh = () =>
  unauthorized('REFRESH_TOKEN_INVALID', 'Invalid or expired refresh token');

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  userId: number;
  sessionId: string;
}

/**
 * Rotation with reuse detection (ASVS 5.0 10.4.5). A token already used before
 * this request began revokes its whole session, newest tokens included. Of two
 * requests racing with one unused token, the conditional update lets exactly
 * one through; the other is refused without revoking, since it lost a race
 * rather than replayed an old token.
 */
export async function rotateRefreshToken(
  token: string,
  surface: SessionSurface,
): Promise<TokenPair> {
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(token) },
    select: {
      id: true,
      sessionId: true,
      expiresAt: true,
      usedAt: true,
      session: { select: { surface: true } },
    },
  });
  // Another surface's refresh token is unknown here: refused, and its session is left alone.
  if (!row || row.session.surface !== surface) throw invalidRefresh();
  if (row.usedAt) {
    await revokeSession(row.sessionId, 'refresh_token_reuse');
    throw new AppError(
      'REFRESH_TOKEN_REUSED',
      'Refresh token was already used; the session has been revoked',
    );
  }
  if (row.expiresAt.getTime() <= Date.now()) throw invalidRefresh();
  const session = await validateSession(row.sessionId);
  if (!session) throw invalidRefresh();

  const next = randomBytes(32).toString('base64url');
  const claimed = await db.$transaction(async (tx) => {
    await lockSession(tx, session.id);
    const used = await tx.refreshToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return false;
    await tx.refreshToken.create({
      data: { tokenHash: hashRefreshToken(next), sessionId: session.id, expiresAt: row.expiresAt },
    });
    return true;
  });
  if (!claimed) {
    throw new AppError(
      'REFRESH_TOKEN_RACE',
      'Another request used this refresh token at the same moment; use the token it received',
    );
  }
  return tokenPair(session, next);
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Refreshes of one session take its row lock, so retiring the old refresh
 * token and storing the next one happen as one step: never two live tokens.
 */
async function lockSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM sessions WHERE id = ${sessionId} FOR UPDATE`;
}

/** A fresh access token beside the session's next refresh token. */
async function tokenPair(session: ActiveSession, refreshToken: string): Promise<TokenPair> {
  const access = await signAccessToken({
    userId: session.user.id,
    sessionId: session.id,
    surface: session.surface,
  });
  return {
    accessToken: access.token,
    refreshToken,
    expiresIn: access.expiresIn,
    userId: session.user.id,
    sessionId: session.id,
  };
}

/**
 * The session a refresh token was issued to (logout by refresh token ends that session), when
 * the given surface issued it.
 */
export async function sessionIdForRefreshToken(
  token: string,
  surface: SessionSurface,
): Promise<string | null> {
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(token) },
    select: { sessionId: true, session: { select: { surface: true } } },
  });
  return row && row.session.surface === surface ? row.sessionId : null;
}

/**
 * Refresh by a valid bearer token alone (document 2's clients): a new access
 * token and a new refresh token; the session's earlier refresh tokens are
 * retired, so exactly one is live and replaying an old one trips reuse
 * detection.
 */
export async function refreshBySession(session: ActiveSession): Promise<TokenPair> {
  const token = randomBytes(32).toString('base64url');
  await db.$transaction(async (tx) => {
    await lockSession(tx, session.id);
    const latest = await tx.refreshToken.findFirst({
      where: { sessionId: session.id },
      orderBy: { id: 'desc' },
      select: { expiresAt: true },
    });
    const expiresAt =
      latest?.expiresAt ?? new Date(session.createdAt.getTime() + REFRESH_TOKEN_TTL_MS);
    if (expiresAt.getTime() <= Date.now()) throw invalidRefresh();
    await tx.refreshToken.updateMany({
      where: { sessionId: session.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.refreshToken.create({
      data: { tokenHash: hashRefreshToken(token), sessionId: session.id, expiresAt },
    });
  });
  return tokenPair(session, token);
}

/**
 * A refresh as the token surfaces take it: the refresh token in the body (document 5), or, with
 * no body, the bearer's own session (document 2). Either way, only the given surface's sessions.
 */
export function refreshTokens(input: {
  surface: SessionSurface;
  refreshToken?: string;
  bearerSession: ActiveSession | null;
}): Promise<TokenPair> {
  if (input.refreshToken) return rotateRefreshToken(input.refreshToken, input.surface);
  if (input.bearerSession?.surface === input.surface) return refreshBySession(input.bearerSession);
  throw unauthorized('REFRESH_TOKEN_INVALID', 'Send a refresh_token or a bearer token');
}
