import 'server-only';
import { hashPassword } from '@/lib/auth/password';
import { revokeOtherSessions } from '@/lib/auth/sessions';
import { getEnv } from '@/lib/env';
import { AppError, rateLimited } from '@/lib/errors';
import { ipRateLimitKey } from '@/lib/http/client-ip';
import { enqueue, QUEUES, transactionWithJobs } from '@/lib/jobs/boss';
import { queueMail } from '@/lib/mail/notifications';
import { accountMail, type AccountMailKind } from '@/lib/mail/templates';
import { consume, type LimitName } from '@/lib/rate-limit';
import { LINK_INVALID_MESSAGE } from '@/lib/validations/auth';
import { normaliseEmail } from './email';
import { consumeToken, issueToken } from './tokens';
import {
  createCustomer,
  findActiveUserByEmail,
  bumpCredentialVersion,
  findMailRecipient,
  isEmailVerified,
  markEmailVerified,
  setPassword,
  type Tx,
} from './users';

/**
 * Registration, e-mail verification, password reset and security e-mails, for every surface (the
 * portal's forms, /api/v1, document 3's /api/auth and document 4's /v1/auth). Mail goes through the outbox in the
 * transaction of the change, so no request waits for SMTP. Limits count the client address and
 * the e-mail address whether or not an account has it, so they trip alike for both.
 */

const linkTo = (path: string, token: string) =>
  `${getEnv().appUrl}${path}?token=${encodeURIComponent(token)}`;

const linkInvalid = () => new AppError('LINK_INVALID', LINK_INVALID_MESSAGE);

async function limit(name: LimitName, key: string, message: string): Promise<void> {
  const state = await consume(name, key);
  if (!state.allowed) throw rateLimited(state.resetSeconds, message);
}

/** Both limits of a request about an e-mail address, from a client address. */
async function limitAddress(
  limits: { ip: LimitName; email: LimitName },
  input: { email: string; ip: string },
  message: string,
): Promise<void> {
  // IPv6 by its /64, as the other per-address limits.
  await limit(limits.ip, `ip:${ipRateLimitKey(input.ip)}`, message);
  await limit(limits.email, `email:${normaliseEmail(input.email)}`, message);
}

/** Queues one account mail to the user, in the transaction of the change it announces. */
async function mailUser(
  tx: Tx,
  user: { id: number; email: string },
  kind: AccountMailKind,
  link: string,
) {
  await queueMail(tx, {
    kind: `account_${kind}`,
    to: user.email,
    userId: user.id,
    mail: accountMail(kind, link),
  });
}

/** Each mailed link's mail and page. */
const LINK_MAIL = {
  VERIFY_EMAIL: { kind: 'verify_email', page: '/verify-email' },
  RESET_PASSWORD: { kind: 'password_reset', page: '/reset-password' },
} as const satisfies Record<string, { kind: AccountMailKind; page: string }>;

/** A fresh single-use link of `purpose` to its page, mailed to the account's address. */
async function mailToken(
  tx: Tx,
  user: { id: number; email: string },
  purpose: keyof typeof LINK_MAIL,
) {
  const { token } = await issueToken(tx, { userId: user.id, email: user.email, purpose });
  const { kind, page } = LINK_MAIL[purpose];
  await mailUser(tx, user, kind, linkTo(page, token));
}

/**
 * A security e-mail (a password changed, an address confirmed, a new device, a provider linked): its one action
 * ends every session, by a single-use link valid 7 days that a later password change does not
 * disarm, so it still works after someone else has taken the password.
 */
export async function securityNotice(
  tx: Tx,
  user: { id: number; email: string },
  kind: 'password_changed' | 'email_verified' | 'new_sign_in' | 'provider_linked',
): Promise<void> {
  const { token } = await issueToken(tx, {
    userId: user.id,
    email: user.email,
    purpose: 'END_SESSIONS',
  });
  await mailUser(tx, user, kind, linkTo('/end-sessions', token));
}

/** The "end all sessions" link of a security e-mail: every session and token of the account ends. */
export async function endAllSessions(input: { token: string }): Promise<{ endedSessions: number }> {
  return transactionWithJobs(async (tx) => {
    const owner = await consumeToken(tx, { token: input.token, purpose: 'END_SESSIONS' });
    if (!owner) throw linkInvalid();
    await bumpCredentialVersion(tx, owner.userId);
    const endedSessions = await revokeOtherSessions(
      { userId: owner.userId, keepSessionId: null, reason: 'ended_by_security_mail' },
      tx,
    );
    return { endedSessions };
  });
}

/** Mails "new sign-in" when a sign-in comes from a device and network new to the account. */
export async function noticeNewSignIn(input: { userId: number; email: string }): Promise<void> {
  await transactionWithJobs((tx) =>
    securityNotice(tx, { id: input.userId, email: input.email }, 'new_sign_in'),
  );
}

export interface RegisterInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  /** The client address, for the per-address limit. */
  ip: string;
}

/**
 * A new customer, unverified, with a verification link on its way. Sign-in works at once;
 * buying, downloading and tickets wait for the address. A taken address is a 409 `EMAIL_TAKEN`.
 */
export async function registerAccount(
  input: RegisterInput,
): Promise<{ userId: number; email: string }> {
  await limitAddress(
    { ip: 'register-ip', email: 'register-email' },
    input,
    'Too many registrations; try again later',
  );
  const passwordHash = await hashPassword(input.password);
  const user = await transactionWithJobs(async (tx) => {
    const created = await createCustomer(tx, {
      email: input.email,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone || null,
    });
    await mailToken(tx, created, 'VERIFY_EMAIL');
    return created;
  });
  return { userId: user.id, email: user.email };
}

/** A new verification link for a signed-in customer whose address is not verified yet. */
export async function resendVerification(input: { userId: number }): Promise<void> {
  await limit('verify-resend', `user:${input.userId}`, 'Too many links asked for; try again later');
  if (await isEmailVerified(input.userId)) {
    throw new AppError('CONFLICT', 'Your e-mail address is already verified');
  }
  await transactionWithJobs(async (tx) => {
    const user = await findMailRecipient(tx, input.userId);
    if (!user) throw new AppError('NOT_FOUND', 'Account not found');
    await mailToken(tx, user, 'VERIFY_EMAIL');
  });
}

/** Consumes a verification link (by POST: mail scanners fetch links with GET). */
export async function verifyEmail(input: { token: string }): Promise<{ userId: number }> {
  return transactionWithJobs(async (tx) => {
    const owner = await consumeToken(tx, { token: input.token, purpose: 'VERIFY_EMAIL' });
    // A link for an address the account no longer has proves nothing.
    if (!owner || !(await markEmailVerified(tx, owner))) throw linkInvalid();
    await securityNotice(tx, { id: owner.userId, email: owner.email }, 'email_verified');
    return { userId: owner.userId };
  });
}

/**
 * Asks for a reset link. The answer and the work are the same whether or not the address has an
 * account: both limits are counted and one job is queued; the job (`sendPasswordReset`) looks
 * the account up and mails it, after the request has been answered.
 */
export async function requestPasswordReset(input: { email: string; ip: string }): Promise<void> {
  await limitAddress(
    { ip: 'reset-ip', email: 'reset-email' },
    input,
    'Too many reset requests; try again later',
  );
  await transactionWithJobs((tx) =>
    enqueue(tx, QUEUES.passwordReset, { email: normaliseEmail(input.email) }),
  );
}

/** The job behind a reset request: a link to an active account, nothing for anyone else. */
export async function sendPasswordReset(job: { email: string }): Promise<void> {
  const user = await findActiveUserByEmail(job.email);
  if (!user) return;
  await transactionWithJobs((tx) => mailToken(tx, user, 'RESET_PASSWORD'));
}

/**
 * Sets a new password from a reset link: the credential version goes up and every session and
 * token ends; nobody is signed in; a notice goes to the address. Opening the link proved the
 * mailbox, so the address counts as verified too.
 */
export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await transactionWithJobs(async (tx) => {
    const owner = await consumeToken(tx, { token: input.token, purpose: 'RESET_PASSWORD' });
    if (!owner) throw linkInvalid();
    await setPassword(tx, { userId: owner.userId, passwordHash });
    await revokeOtherSessions(
      { userId: owner.userId, keepSessionId: null, reason: 'password_reset' },
      tx,
    );
    await markEmailVerified(tx, owner);
    await securityNotice(tx, { id: owner.userId, email: owner.email }, 'password_changed');
  });
}
