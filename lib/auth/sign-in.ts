import 'server-only';
import { accountInactive, notFound, rateLimited, unauthorized } from '@/lib/errors';
import { ipRateLimitKey } from '@/lib/http/client-ip';
import { consume, reset, reward } from '@/lib/rate-limit';
import { normaliseEmail } from '@/lib/accounts/email';
import { noticeNewSignIn } from '@/lib/accounts/lifecycle';
import {
  resolveProviderIdentity,
  type LinkOutcome,
  type ProviderIdentity,
} from '@/lib/accounts/linked-accounts';
import {
  findCredentials,
  recordSignIn,
  replacePasswordHash,
  type Credentials,
} from '@/lib/accounts/users';
import { logger } from '@/lib/log';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { createSession, deviceSeen, type SessionSurface } from './sessions';

export interface SignedInUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  forcePasswordChange: boolean;
  lastLoginAt: Date | null;
  role: 'CUSTOMER' | 'SUPPORT_AGENT' | 'ADMIN';
}

export interface SignInResult {
  user: SignedInUser;
  session: { id: string; createdAt: Date; absoluteExpiresAt: Date };
}

const INVALID = 'Invalid email or password';

/** Every sign-in, by password or through a provider, counts against its client address. */
async function limitSignInsFrom(address: string): Promise<void> {
  const byIp = await consume('login-ip', address);
  if (!byIp.allowed) {
    throw rateLimited(byIp.resetSeconds, 'Too many sign-in attempts; try again later');
  }
}

/**
 * A sign-in from a user agent and network the account has not used in 90 days gets a security
 * e-mail with an "end all sessions" link. It never fails the sign-in: a problem is logged.
 */
async function warnOfNewDevice(input: {
  user: { id: number; email: string };
  session: { id: string };
  ip: string;
  userAgent: string | null;
}): Promise<void> {
  try {
    const seen = await deviceSeen({
      userId: input.user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      exceptSessionId: input.session.id,
    });
    if (seen === 'new') await noticeNewSignIn({ userId: input.user.id, email: input.user.email });
  } catch (err) {
    logger.error(
      { userId: input.user.id, error: err instanceof Error ? err.message : String(err) },
      'new-device notice failed',
    );
  }
}

/**
 * The one sign-in every surface calls.
 *
 * Limits come first, and every attempt is counted before bcrypt, atomically: a
 * check read before the slow comparison would let every request already in
 * flight through. A right password credits its attempt back. The per-client
 * address limit bounds one caller; the account's burst window is keyed on the
 * account and the client address, so one address cannot lock the account for
 * everyone; the hourly cap (ASVS 2.2.1's 100 failures) is per account.
 *
 * Then exactly one bcrypt comparison, whether or not the account exists, so
 * the answer and its timing say nothing about which e-mails are registered.
 * The session is stamped with the credential version read beside the hash: a
 * password change that commits while this sign-in runs leaves it dead.
 */
export async function signIn(
  input: SessionRequest & { email: string; password: string },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const address = ipRateLimitKey(input.ip);

  await limitSignInsFrom(address);
  const burstKey = `${email}|${address}`;
  const burst = await consume('login-account-burst', burstKey);
  const hourly = burst.allowed ? await consume('login-account-hourly', email) : burst;
  if (!hourly.allowed) {
    throw rateLimited(hourly.resetSeconds, 'Too many failed sign-in attempts; try again later');
  }
  const creditBack = () =>
    Promise.all([reset('login-account-burst', burstKey), reward('login-account-hourly', email)]);

  const user = await findCredentials(email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user?.passwordHash || !ok) throw unauthorized('INVALID_CREDENTIALS', INVALID);
  await creditBack();
  if (!user.active) {
    throw accountInactive();
  }
  if (needsRehash(user.passwordHash)) await rehash(user.id, user.passwordHash, input.password);
  return openSession(user, input);
}

interface SessionRequest {
  surface: SessionSurface;
  ip: string;
  userAgent?: string | null;
  lifetime?: { idleMs: number; absoluteMs: number };
}

/**
 * The session of an account whose credentials were just checked, stamped with the credential
 * version read beside them, and the "new device" notice when it comes from one.
 */
async function openSession(
  user: Credentials,
  input: SessionRequest,
  options: { noticeNewDevice: boolean } = { noticeNewDevice: true },
): Promise<SignInResult> {
  const now = new Date();
  const [session] = await Promise.all([
    createSession({
      userId: user.id,
      surface: input.surface,
      ip: input.ip,
      userAgent: input.userAgent,
      lifetime: input.lifetime,
      credentialVersion: user.credentialVersion,
    }),
    recordSignIn(user.id, now),
  ]);
  if (options.noticeNewDevice) {
    await warnOfNewDevice({ user, session, ip: input.ip, userAgent: input.userAgent ?? null });
  }
  const { passwordHash: _hash, credentialVersion: _version, ...safe } = user;
  return { user: { ...safe, lastLoginAt: now }, session };
}

/**
 * The first session of an account registered a moment ago, by the request that registered it:
 * the password was just set, so it is not checked again (no second bcrypt, no sign-in limits on
 * top of the registration's own).
 */
export async function signInNewAccount(
  input: SessionRequest & { email: string },
): Promise<SignInResult> {
  const user = await findCredentials(input.email);
  if (!user) throw notFound('Account not found');
  return openSession(user, input, { noticeNewDevice: false });
}

/**
 * Sign-in through an OpenID provider, once its ID token has been verified (NextAuth's callback
 * for the browser, lib/auth/oidc.ts for the API): the linked account, or the one the provider's
 * verified address names, or a new customer (lib/accounts/linked-accounts.ts). Limited per client
 * address like a password sign-in; `identity` may be the code exchange that verifies it, run once
 * the limit allows. An account linked just now was mailed about it, so no "new
 * device" mail goes out with it.
 */
export async function signInWithProvider(
  identity: ProviderIdentity | (() => Promise<ProviderIdentity>),
  input: SessionRequest,
): Promise<SignInResult & { outcome: LinkOutcome }> {
  // Counted before a code is redeemed, so a flood of made-up codes never reaches the provider.
  await limitSignInsFrom(ipRateLimitKey(input.ip));
  const verified = typeof identity === 'function' ? await identity() : identity;
  const { user, outcome } = await resolveProviderIdentity(verified);
  if (!user.active) {
    throw accountInactive();
  }
  const result = await openSession(user, input, { noticeNewDevice: outcome === 'signed_in' });
  return { ...result, outcome };
}

/**
 * Re-hashes at the configured BCRYPT_COST once the password has been verified. Conditional on the
 * old hash, so a password change committed meanwhile is never overwritten. Not a credential
 * change: sessions stay valid.
 */
async function rehash(userId: number, oldHash: string, password: string): Promise<void> {
  await replacePasswordHash({ userId, oldHash, newHash: await hashPassword(password) });
}
