import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '@/lib/accounts/users';
import { db, pool } from '@/lib/db/client';
import type { SessionSurface } from '@/lib/db/generated/enums';
import { getEnv } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { networkOf } from '@/lib/http/client-ip';

export type { SessionSurface };

/** Last-seen (and the sliding idle expiry) is written at most this often per session. */
const LAST_SEEN_THROTTLE_MS = 60_000;
const API_SESSION_MS = 7 * 24 * 3600 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: 'CUSTOMER' | 'SUPPORT_AGENT' | 'ADMIN';
  active: boolean;
  forcePasswordChange: boolean;
}

export interface ActiveSession {
  id: string;
  surface: SessionSurface;
  createdAt: Date;
  absoluteExpiresAt: Date;
  user: SessionUser;
}

export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

/** How long a session of each surface lives. Browser limits follow ASVS 3.3.2 level 2. */
export function sessionLifetime(surface: SessionSurface): SessionLifetime {
  const env = getEnv();
  if (surface === 'BROWSER') {
    return {
      idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3600_000,
    };
  }
  // Token surfaces: the refresh token's 7 days bound the session; access tokens are short.
  return { idleMs: API_SESSION_MS, absoluteMs: API_SESSION_MS };
}

const DEVICE_MEMORY_MS = 90 * 24 * 3600 * 1000;

/**
 * Whether a sign-in comes from a device the account knows: 'known' when one of its sessions of
 * the last 90 days had the same user agent and network, 'first' when it had no session at all in
 * that time (a new account's first sign-in is not news), 'new' otherwise.
 */
export async function deviceSeen(input: {
  userId: number;
  userAgent: string | null;
  ip: string | null;
  exceptSessionId: string;
}): Promise<'known' | 'new' | 'first'> {
  const earlier = await db.session.findMany({
    where: {
      userId: input.userId,
      id: { not: input.exceptSessionId },
      createdAt: { gt: new Date(Date.now() - DEVICE_MEMORY_MS) },
    },
    select: { ip: true, userAgent: true },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  if (earlier.length === 0) return 'first';
  const here = input.ip ? networkOf(input.ip) : null;
  const known = earlier.some(
    (s) => s.userAgent === input.userAgent && (s.ip ? networkOf(s.ip) : null) === here,
  );
  return known ? 'known' : 'new';
}

/** 256 bits from the CSPRNG. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(input: {
  userId: number;
  surface: SessionSurface;
  ip?: string | null;
  userAgent?: string | null;
  lifetime?: SessionLifetime;
  /**
   * The user's credential version as read with the password this session was opened by. Sign-in
   * passes the version it verified; the default (every account's first) fails closed: after a
   * password change such a session is dead.
   */
  credentialVersion?: number;
}): Promise<{ id: string; createdAt: Date; absoluteExpiresAt: Date }> {
  const now = new Date();
  const lifetime = input.lifetime ?? sessionLifetime(input.surface);
  return db.session.create({
    data: {
      id: newSessionId(),
      userId: input.userId,
      surface: input.surface,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + Math.min(lifetime.idleMs, lifetime.absoluteMs)),
      absoluteExpiresAt: new Date(now.getTime() + lifetime.absoluteMs),
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      credentialVersion: input.credentialVersion ?? 1,
    },
    select: { id: true, createdAt: true, absoluteExpiresAt: true },
  });
}

/**
 * The one check behind every authenticated request: the session exists, is
 * not revoked or expired, and its user is active. One query; a throttled
 * write keeps last-seen and the idle window fresh.
 */
interface SessionRow {
  id: string;
  surface: SessionSurface;
  created_ms: number;
  last_seen_ms: number;
  idle_ms: number;
  absolute_ms: number;
  revoked: boolean;
  /** The password changed after this session was opened (even while its sign-in was running). */
  stale: boolean;
  user_id: number;
  email: string;
  first_name: string;
  last_name: string;
  role: SessionUser['role'];
  active: boolean;
  force_password_change: boolean;
}

/*
 * Plain SQL on the shared pool: this read runs on every authenticated request, and Prisma's
 * query pipeline costs about three times the CPU of the query itself here (measured: 0.24 ms
 * against 0.08 ms per call). Times come back as epoch milliseconds, free of time-zone parsing.
 */
const SESSION_QUERY = `
  SELECT s.id, s.surface,
         (extract(epoch FROM s.created_at) * 1000)::float8 AS created_ms,
         (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS last_seen_ms,
         (extract(epoch FROM s.idle_expires_at) * 1000)::float8 AS idle_ms,
         (extract(epoch FROM s.absolute_expires_at) * 1000)::float8 AS absolute_ms,
         s.revoked_at IS NOT NULL AS revoked,
         s.credential_version <> u.credential_version AS stale,
         u.id AS user_id, u.email, u.first_name, u.last_name, u.role, u.active,
         u.force_password_change
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1`;

/**
 * The one check behind every authenticated request: the session exists, is
 * not revoked or expired, and its user is active. One query; a throttled
 * write keeps last-seen and the idle window fresh.
 */
export async function validateSession(sessionId: string): Promise<ActiveSession | null> {
  if (!sessionId || sessionId.length > 128) return null;
  // No named prepared statement: on the embedded database every connection shares one session.
  const { rows } = await pool.query<SessionRow>(SESSION_QUERY, [sessionId]);
  const row = rows[0];
  const now = Date.now();
  if (
    !row ||
    row.revoked ||
    row.stale ||
    !row.active ||
    row.idle_ms <= now ||
    row.absolute_ms <= now
  ) {
    return null;
  }
  if (now - row.last_seen_ms > LAST_SEEN_THROTTLE_MS) {
    const { idleMs } = sessionLifetime(row.surface);
    await db.session.updateMany({
      where: { id: row.id, revokedAt: null },
      data: {
        lastSeenAt: new Date(now),
        idleExpiresAt: new Date(Math.min(now + idleMs, row.absolute_ms)),
      },
    });
  }
  return {
    id: row.id,
    surface: row.surface,
    createdAt: new Date(row.created_ms),
    absoluteExpiresAt: new Date(row.absolute_ms),
    user: {
      id: row.user_id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      role: row.role,
      active: row.active,
      forcePasswordChange: row.force_password_change,
    },
  };
}

/** The session that changed the password carries the new credential version, and lives on. */
export async function restampSession(
  tx: Tx,
  input: { sessionId: string; userId: number; credentialVersion: number },
): Promise<void> {
  await tx.session.updateMany({
    where: { id: input.sessionId, userId: input.userId },
    data: { credentialVersion: input.credentialVersion },
  });
}

export async function revokeSession(sessionId: string, reason: string): Promise<void> {
  await db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
}

/**
 * The handle a session is shown and revoked by: a one-way digest of its id, so
 * pages never carry the id a token or cookie refers to.
 */
export function sessionHandle(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url').slice(0, 22);
}

/** Revokes one of the user's own sessions by its handle; anything else is a 404. */
export async function revokeOwnSession(input: {
  userId: number;
  handle: string;
}): Promise<{ sessionId: string }> {
  const sessions = await db.session.findMany({
    where: { userId: input.userId, revokedAt: null },
    select: { id: true },
  });
  const match = sessions.find((s) => sessionHandle(s.id) === input.handle);
  if (!match) throw notFound('Session not found');
  await revokeSession(match.id, 'revoked_by_user');
  return { sessionId: match.id };
}

/**
 * Ends every session of the user but the one kept. Pass the transaction of a change that must
 * commit with it (a new password).
 */
export async function revokeOtherSessions(
  input: { userId: number; keepSessionId: string | null; reason: string },
  tx: Tx = db,
): Promise<number> {
  const result = await tx.session.updateMany({
    where: {
      userId: input.userId,
      revokedAt: null,
      ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}),
    },
    data: { revokedAt: new Date(), revokedReason: input.reason },
  });
  return result.count;
}

export interface SessionListItem {
  handle: string;
  surface: SessionSurface;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export async function listActiveSessions(input: {
  userId: number;
  currentSessionId: string | null;
}): Promise<SessionListItem[]> {
  const now = new Date();
  const rows = await db.session.findMany({
    where: {
      userId: input.userId,
      revokedAt: null,
      idleExpiresAt: { gt: now },
      absoluteExpiresAt: { gt: now },
    },
    orderBy: { lastSeenAt: 'desc' },
    take: 100,
    select: {
      id: true,
      surface: true,
      userAgent: true,
      ip: true,
      createdAt: true,
      lastSeenAt: true,
    },
  });
  return rows.map(({ id, ...rest }) => ({
    ...rest,
    handle: sessionHandle(id),
    current: id === input.currentSessionId,
  }));
}
