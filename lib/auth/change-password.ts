import 'server-only';
import { findCredentialsById, setPassword } from '@/lib/accounts/users';
import { securityNotice } from '@/lib/accounts/lifecycle';
import { transactionWithJobs } from '@/lib/jobs/boss';
import { AppError, invalid, notFound, rateLimited } from '@/lib/errors';
import { consume, reward } from '@/lib/rate-limit';
import { hashPassword, verifyPassword } from './password';
import { restampSession, revokeOtherSessions, revokeSession, type ActiveSession } from './sessions';

const WRONG_PASSWORD_LIMIT = 'password-verify';

/** An account that signs in only through an OpenID provider has no password to change yet. */
const passwordNotSet = () =>
  new AppError(
    'PASSWORD_NOT_SET',
    'This account has no password: it signs in through your identity provider. Set a password with "Forgot password".',
  );

/**
 * Checks the current password of a signed-in user, for every surface that
 * asks for it (change-password on /api/v1, /client and the portal form, and the
 * surfaces still to come). Each attempt is counted before bcrypt, per account:
 * after 5 wrong answers in 15 minutes further attempts answer 429, and the
 * session that sent the fifth is ended, since whoever holds it is guessing.
 * A wrong answer also counts against the account's hourly sign-in failures.
 * A right one credits its attempt back.
 */
export async function verifyCurrentPassword(input: {
  userId: number;
  email: string;
  sessionId: string | null;
  password: string;
  passwordHash: string | null;
}): Promise<void> {
  if (input.passwordHash === null) throw passwordNotSet();
  const key = `user:${input.userId}`;
  const attempt = await consume(WRONG_PASSWORD_LIMIT, key);
  if (!attempt.allowed) {
    throw rateLimited(attempt.resetSeconds, 'Too many wrong passwords; try again later');
  }
  if (await verifyPassword(input.password, input.passwordHash)) {
    await reward(WRONG_PASSWORD_LIMIT, key);
    return;
  }
  await consume('login-account-hourly', input.email);
  if (attempt.remaining === 0 && input.sessionId) {
    await revokeSession(input.sessionId, 'password_guessing');
  }
  throw invalid('INVALID_CURRENT_PASSWORD', 'Current password is incorrect', [
    { field: 'currentPassword', message: 'is incorrect' },
  ]);
}

/**
 * Changing a password needs the current one, clears force-password-change and
 * ends every other session of the user. The credential version goes up, so a
 * sign-in that read the old password and has not yet stored its session ends
 * too; the current session is re-stamped and stays signed in.
 */
export async function changePassword(input: {
  userId: number;
  currentSessionId: string | null;
  currentPassword: string;
  newPassword: string;
}): Promise<{ endedSessions: number }> {
  const user = await findCredentialsById(input.userId);
  if (!user) throw notFound('Account not found');
  await verifyCurrentPassword({
    userId: input.userId,
    email: user.email,
    sessionId: input.currentSessionId,
    password: input.currentPassword,
    passwordHash: user.passwordHash,
  });
  if (input.currentPassword === input.newPassword) {
    throw invalid('WEAK_PASSWORD', 'The new password must differ from the current one', [
      { field: 'newPassword', message: 'must differ from the current password' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return transactionWithJobs(async (tx) => {
    const credentialVersion = await setPassword(tx, {
      userId: input.userId,
      passwordHash,
      expectedVersion: user.credentialVersion,
    });
    // A notice with an "end all sessions" link, in case the one who changed it was not the owner.
    await securityNotice(tx, { id: input.userId, email: user.email }, 'password_changed');
    const endedSessions = await revokeOtherSessions(
      { userId: input.userId, keepSessionId: input.currentSessionId, reason: 'password_changed' },
      tx,
    );
    if (input.currentSessionId) {
      await restampSession(tx, {
        sessionId: input.currentSessionId,
        userId: input.userId,
        credentialVersion,
      });
    }
    return { endedSessions };
  });
}

/** `changePassword` asked for by a signed-in session: its user's password; it stays signed in. */
export function changeOwnPassword(
  session: ActiveSession,
  passwords: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  return changePassword({ userId: session.user.id, currentSessionId: session.id, ...passwords });
}
