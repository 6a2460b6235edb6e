/**
 * Issue 10's registration, verification and password reset on the real database: tokens of 256
 * bits stored only as SHA-256 and used once, the same answer and limits for known and unknown
 * addresses, a reset that ends every session and signs nobody in, and the verified address that
 * buying, downloads and tickets need.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  endAllSessions,
  registerAccount,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  sendPasswordReset,
  verifyEmail,
} from '@/lib/accounts/lifecycle';
import { isEmailVerified } from '@/lib/accounts/users';
import { changePassword } from '@/lib/auth/change-password';
import { verifyPassword } from '@/lib/auth/password';
import { loginForTokens } from '@/lib/auth/token-sessions';
import { db } from '@/lib/db/client';
import { mintDownloadUrl } from '@/lib/downloads/releases';
import { stopBoss } from '@/lib/jobs/boss';
import { createTicket } from '@/lib/support/tickets';
import { recordSecret } from '../support/artifacts';
import { codeOf } from '../support/errors';
import { tokenLogin } from '../support/token-sessions';
import { createTestUser, randomIp } from '../support/users';

afterAll(() => stopBoss());

const newAddress = () => `new-${randomBytes(6).toString('hex')}@example.test`;
const strongPassword = () => {
  const password = `Lifecycle-${randomBytes(9).toString('base64url')}`;
  recordSecret('password', password);
  return password;
};

/** The token in the newest mail of `kind` to `email`, read from the outbox. */
async function mailedToken(email: string, kind: string): Promise<string> {
  const mail = await db.notification.findFirst({
    where: { toAddress: email, kind },
    orderBy: { id: 'desc' },
  });
  const token = /token=([A-Za-z0-9_-]{43})/.exec(mail?.textBody ?? '')?.[1];
  if (!token) throw new Error(`no ${kind} mail to ${email}`);
  return token;
}

async function register(email = newAddress(), password = strongPassword()) {
  const { userId } = await registerAccount({
    email,
    password,
    firstName: 'New',
    lastName: 'Customer',
    ip: randomIp(),
  });
  return { userId, email, password };
}

describe('registration and verification', () => {
  it('registers an unverified customer and mails a link that verifies the address once', async () => {
    const user = await register();
    expect(await isEmailVerified(user.userId)).toBe(false);
    const token = await mailedToken(user.email, 'account_verify_email');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    // A dump of the tokens table holds no usable token: only its SHA-256.
    const stored = await db.userToken.findMany({ where: { userId: user.userId } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    await verifyEmail({ token });
    expect(await isEmailVerified(user.userId)).toBe(true);
    expect(await codeOf(verifyEmail({ token }))).toBe('LINK_INVALID');
    expect(
      await db.notification.count({
        where: { toAddress: user.email, kind: 'account_email_verified' },
      }),
    ).toBe(1);
  });

  it('refuses an expired link, and a link once the account has another address', async () => {
    const user = await register();
    const token = await mailedToken(user.email, 'account_verify_email');
    await db.userToken.updateMany({
      where: { userId: user.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(verifyEmail({ token }))).toBe('LINK_INVALID');

    await resendVerification({ userId: user.userId });
    const fresh = await mailedToken(user.email, 'account_verify_email');
    await db.user.update({ where: { id: user.userId }, data: { email: newAddress() } });
    expect(await codeOf(verifyEmail({ token: fresh }))).toBe('LINK_INVALID');
    expect(await isEmailVerified(user.userId)).toBe(false);
  });

  it('ends the older link when a new one is sent, and refuses a resend once verified', async () => {
    const user = await register();
    const first = await mailedToken(user.email, 'account_verify_email');
    await resendVerification({ userId: user.userId });
    const second = await mailedToken(user.email, 'account_verify_email');
    expect(await codeOf(verifyEmail({ token: first }))).toBe('LINK_INVALID');
    await verifyEmail({ token: second });
    expect(await codeOf(resendVerification({ userId: user.userId }))).toBe('CONFLICT');
  });

  it('answers a taken address with EMAIL_TAKEN, whatever its case', async () => {
    const user = await register();
    expect(await codeOf(register(user.email.toUpperCase()))).toBe('EMAIL_TAKEN');
  });

  it('limits registrations per address alike, whether or not the address has an account', async () => {
    const taken = (await register()).email;
    const free = newAddress();
    const attempt = (email: string) =>
      codeOf(
        registerAccount({
          email,
          password: strongPassword(),
          firstName: 'A',
          lastName: 'B',
          ip: randomIp(),
        }),
      );
    // The taken address used one of its 3 an hour registering; the free one registers once.
    const takenCodes = [await attempt(taken), await attempt(taken), await attempt(taken)];
    expect(takenCodes).toEqual(['EMAIL_TAKEN', 'EMAIL_TAKEN', 'RATE_LIMITED']);
    const freeCodes = [
      await attempt(free),
      await attempt(free),
      await attempt(free),
      await attempt(free),
    ];
    expect(freeCodes).toEqual(['OK', 'EMAIL_TAKEN', 'EMAIL_TAKEN', 'RATE_LIMITED']);
  });

  it('keeps buying, downloads and new tickets from an unverified address', async () => {
    const user = await register();
    expect(
      await codeOf(
        createTicket({
          userId: user.userId,
          subject: 'Hello',
          description: 'Hi',
          category: 'OTHER',
          priority: 'LOW',
        }),
      ),
    ).toBe('EMAIL_NOT_VERIFIED');
    expect(await codeOf(mintDownloadUrl(user.userId, 'software_v2'))).toBe('EMAIL_NOT_VERIFIED');
  });
});

describe('password reset', () => {
  it('does the same for known and unknown addresses: one job, no mail until the job runs', async () => {
    const user = await createTestUser();
    const unknown = newAddress();
    const jobs = () =>
      db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'password-reset-request'`;
    const before = Number((await jobs())[0]?.n ?? 0);
    await requestPasswordReset({ email: user.email, ip: randomIp() });
    await requestPasswordReset({ email: unknown, ip: randomIp() });
    expect(Number((await jobs())[0]?.n ?? 0) - before).toBe(2);
    expect(await db.notification.count({ where: { toAddress: user.email } })).toBe(0);

    await sendPasswordReset({ email: user.email });
    await sendPasswordReset({ email: unknown });
    expect(
      await db.notification.count({
        where: { toAddress: user.email, kind: 'account_password_reset' },
      }),
    ).toBe(1);
    expect(await db.notification.count({ where: { toAddress: unknown } })).toBe(0);
  });

  it('sets the password once, ends every session, signs nobody in and sends a notice', async () => {
    const { user } = await tokenLogin();
    await sendPasswordReset({ email: user.email });
    const token = await mailedToken(user.email, 'account_password_reset');
    const password = strongPassword();
    const sessionsBefore = await db.session.count({ where: { userId: user.id } });
    expect(sessionsBefore).toBeGreaterThan(0);

    await resetPassword({ token, password });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    expect(
      await db.notification.count({
        where: { toAddress: user.email, kind: 'account_password_changed' },
      }),
    ).toBe(1);
    expect(await codeOf(resetPassword({ token, password: strongPassword() }))).toBe('LINK_INVALID');
  });

  it('refuses a reset link after its hour', async () => {
    const user = await createTestUser();
    await sendPasswordReset({ email: user.email });
    const token = await mailedToken(user.email, 'account_password_reset');
    await db.userToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await codeOf(resetPassword({ token, password: strongPassword() }))).toBe('LINK_INVALID');
  });

  it('limits reset requests per address alike for known and unknown addresses', async () => {
    const known = (await createTestUser()).email;
    const unknown = newAddress();
    for (const email of [known, unknown]) {
      const codes: string[] = [];
      for (let i = 0; i < 4; i += 1)
        codes.push(await codeOf(requestPasswordReset({ email, ip: randomIp() })));
      expect(codes, email === known ? 'known' : 'unknown').toEqual([
        'OK',
        'OK',
        'OK',
        'RATE_LIMITED',
      ]);
    }
  });
});

describe('security e-mails', () => {
  const signInFrom = (user: { email: string; password: string }, ip: string, userAgent: string) =>
    loginForTokens({
      email: user.email,
      password: user.password,
      surface: 'API_V1',
      ip,
      userAgent,
    });

  it('warns of a sign-in from a new device or network, not of the first or a known one', async () => {
    const user = await createTestUser();
    const notices = () =>
      db.notification.count({ where: { toAddress: user.email, kind: 'account_new_sign_in' } });
    await signInFrom(user, '198.51.100.7', 'Firefox');
    await signInFrom(user, '198.51.100.200', 'Firefox');
    expect(await notices()).toBe(0);
    await signInFrom(user, '198.51.100.9', 'Safari');
    expect(await notices()).toBe(1);
    await signInFrom(user, '203.0.113.5', 'Firefox');
    expect(await notices()).toBe(2);
    expect(await mailedToken(user.email, 'account_new_sign_in')).toHaveLength(43);
  });

  it("ends every session by the mail's link, even after the password changed again", async () => {
    const { user, sessionId } = await tokenLogin();
    const first = strongPassword();
    await changePassword({
      userId: user.id,
      currentSessionId: sessionId,
      currentPassword: user.password,
      newPassword: first,
    });
    const token = await mailedToken(user.email, 'account_password_changed');
    // Whoever changed it changes it again: another notice, and the first link still works.
    await changePassword({
      userId: user.id,
      currentSessionId: sessionId,
      currentPassword: first,
      newPassword: strongPassword(),
    });
    expect(await mailedToken(user.email, 'account_password_changed')).not.toBe(token);
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });

    const ended = await endAllSessions({ token });
    expect(ended.endedSessions).toBe(1);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.credentialVersion).toBe(before.credentialVersion + 1);
    expect(await codeOf(endAllSessions({ token }))).toBe('LINK_INVALID');
  });
});
