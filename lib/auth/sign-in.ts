import 'server-only';
import { db } from '@/lib/db/client';
import { AppError, rateLimited, unauthorized } from '@/lib/errors';
import { consume, peek, reset } from '@/lib/rate-limit';
import { normaliseEmail } from '@/lib/accounts/email';
import { timingDummyHash, verifyPassword } from './password';
import { createSession, type SessionSurface } from './sessions';

export interface SignedInUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  forcePasswordChange: boolean;
  lastLoginAt: Date | null;
}

export interface SignInResult {
  user: SignedInUser;
  session: { id: string; createdAt: Date; absoluteExpiresAt: Date };
}

const INVALID = 'Invalid email or password';

/**
 * The one sign-in every surface calls. Limits come first (per client address,
 * then per account: a tight burst window and ASVS 2.2.1's 100 failures an
 * hour), then exactly one bcrypt comparison whether or not the account
 * exists, so the answer and its timing say nothing about which e-mails are
 * registered.
 */
export async function signIn(input: {
  email: string;
  password: string;
  surface: SessionSurface;
  ip: string;
  userAgent?: string | null;
  lifetime?: { idleMs: number; absoluteMs: number };
}): Promise<SignInResult> {
  const email = normaliseEmail(input.email);

  const byIp = await consume('login-ip', input.ip);
  if (!byIp.allowed) {
    throw rateLimited(byIp.resetSeconds, 'Too many sign-in attempts; try again later');
  }
  for (const name of ['login-account-burst', 'login-account-hourly'] as const) {
    const state = await peek(name, email);
    if (!state.allowed) {
      throw rateLimited(state.resetSeconds, 'Too many failed sign-in attempts; try again later');
    }
  }

  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      passwordHash: true,
      firstName: true,
      lastName: true,
      active: true,
      forcePasswordChange: true,
      lastLoginAt: true,
    },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await timingDummyHash()));
  if (!user || !ok) {
    await Promise.all([
      consume('login-account-burst', email),
      consume('login-account-hourly', email),
    ]);
    throw unauthorized('INVALID_CREDENTIALS', INVALID);
  }
  if (!user.active) {
    throw new AppError(401, 'ACCOUNT_INACTIVE', 'This account is inactive; contact support');
  }

  await reset('login-account-burst', email);
  const now = new Date();
  const [session] = await Promise.all([
    createSession({
      userId: user.id,
      surface: input.surface,
      ip: input.ip,
      userAgent: input.userAgent,
      lifetime: input.lifetime,
    }),
    db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
  ]);
  const { passwordHash: _hash, ...safe } = user;
  return { user: { ...safe, lastLoginAt: now }, session };
}
