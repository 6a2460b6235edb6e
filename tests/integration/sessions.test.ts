/**
 * lib/auth/sessions and change-password: what makes a session stop working, the throttled
 * last-seen write with its sliding idle window, password changes and per-user revocation.
 */
import { describe, expect, it } from 'vitest';
import { changePassword } from '@/lib/auth/change-password';
import {
  createSession,
  revokeOwnSession,
  sessionHandle,
  validateSession,
} from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { errorView, rejectionView } from '../support/errors';
import { createTestUser, randomIp } from '../support/users';

const MINUTE = 60_000;

async function browserSession(userId: number) {
  return createSession({ userId, surface: 'BROWSER', ip: randomIp(), userAgent: 'vitest' });
}

function row(id: string) {
  return db.session.findUniqueOrThrow({ where: { id } });
}

/** Backdates the session's last activity by two minutes (and sets any other columns given). */
function lastSeenTwoMinutesAgo(id: string, data: { absoluteExpiresAt?: Date } = {}) {
  return db.session.update({
    where: { id },
    data: { lastSeenAt: new Date(Date.now() - 2 * MINUTE), ...data },
  });
}

describe('validateSession', () => {
  it('returns null for revoked, idle-expired and absolutely-expired sessions', async () => {
    const user = await createTestUser();
    const past = new Date(Date.now() - 1000);
    const cases = {
      revoked: { revokedAt: past },
      idle: { idleExpiresAt: past },
      absolute: { absoluteExpiresAt: past },
    };
    for (const [name, data] of Object.entries(cases)) {
      const { id } = await browserSession(user.id);
      // The same session works until the column changes.
      expect(await validateSession(id), name).toMatchObject({ id, user: { id: user.id } });
      await db.session.update({ where: { id }, data });
      expect(await validateSession(id), name).toBeNull();
    }
    expect(await validateSession('no-such-session')).toBeNull();
    expect(await validateSession('')).toBeNull();
  });

  it('returns null once the user is inactive, reading the flag from the database', async () => {
    const user = await createTestUser();
    const { id } = await browserSession(user.id);
    expect(await validateSession(id)).toMatchObject({ user: { id: user.id, active: true } });

    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await validateSession(id)).toBeNull();
  });

  it('writes last-seen at most once a minute', async () => {
    const user = await createTestUser();
    const { id } = await browserSession(user.id);
    const fresh = await row(id);

    // Within the first minute nothing is written.
    await validateSession(id);
    await validateSession(id);
    expect((await row(id)).lastSeenAt).toEqual(fresh.lastSeenAt);

    // Two minutes idle: the first validation writes, the second (same minute) does not.
    await lastSeenTwoMinutesAgo(id);
    const before = Date.now();
    await validateSession(id);
    const afterFirst = await row(id);
    expect(afterFirst.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before);
    await validateSession(id);
    expect((await row(id)).lastSeenAt).toEqual(afterFirst.lastSeenAt);
  });

  it('slides the idle expiry on activity, never past the absolute expiry', async () => {
    const user = await createTestUser();
    const idleMs = getEnv().SESSION_IDLE_MINUTES * MINUTE;

    const { id } = await browserSession(user.id);
    const start = await row(id);
    await lastSeenTwoMinutesAgo(id);
    const before = Date.now();
    await validateSession(id);
    const slid = await row(id);
    expect(slid.idleExpiresAt.getTime()).toBeGreaterThan(start.idleExpiresAt.getTime());
    expect(slid.idleExpiresAt.getTime()).toBeGreaterThanOrEqual(before + idleMs);
    expect(slid.idleExpiresAt.getTime()).toBeLessThanOrEqual(Date.now() + idleMs);
    expect(slid.absoluteExpiresAt).toEqual(start.absoluteExpiresAt);

    // Five minutes of absolute lifetime left: the idle window stops there.
    const absoluteExpiresAt = new Date(Date.now() + 5 * MINUTE);
    await lastSeenTwoMinutesAgo(id, { absoluteExpiresAt });
    expect(await validateSession(id)).not.toBeNull();
    const capped = await row(id);
    expect(capped.idleExpiresAt).toEqual(absoluteExpiresAt);
    expect(capped.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe('changePassword', () => {
  it('ends every other session, keeps the current one and clears force-password-change', async () => {
    const user = await createTestUser({ forcePasswordChange: true });
    const [current, other, third] = await Promise.all([
      browserSession(user.id),
      browserSession(user.id),
      createSession({ userId: user.id, surface: 'API_V1' }),
    ]);
    const stranger = await createTestUser();
    const strangers = await browserSession(stranger.id);
    const newPassword = `${user.password}-renewed`;

    const result = await changePassword({
      userId: user.id,
      currentSessionId: current.id,
      currentPassword: user.password,
      newPassword,
    });

    expect(result).toEqual({ endedSessions: 2 });
    expect(await validateSession(current.id)).toMatchObject({
      user: { id: user.id, forcePasswordChange: false },
    });
    expect(await validateSession(other.id)).toBeNull();
    expect(await validateSession(third.id)).toBeNull();
    expect((await row(other.id)).revokedReason).toBe('password_changed');
    expect(await validateSession(strangers.id)).not.toBeNull();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.forcePasswordChange).toBe(false);
    expect(stored.passwordChangedAt).not.toBeNull();

    const signInWith = (password: string) =>
      signIn({ email: user.email, password, surface: 'BROWSER', ip: randomIp() });
    await expect(signInWith(newPassword)).resolves.toMatchObject({ user: { id: user.id } });
    await expect(signInWith(user.password)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('requires the current password and changes nothing without it', async () => {
    const user = await createTestUser({ forcePasswordChange: true });
    const [current, other] = await Promise.all([browserSession(user.id), browserSession(user.id)]);
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });

    expect(
      await rejectionView(
        changePassword({
          userId: user.id,
          currentSessionId: current.id,
          currentPassword: `${user.password}x`,
          newPassword: `${user.password}-renewed`,
        }),
      ),
    ).toMatchObject({ status: 400, code: 'INVALID_CURRENT_PASSWORD' });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.forcePasswordChange).toBe(true);
    expect(await validateSession(other.id)).not.toBeNull();
  });
});

describe('revokeOwnSession', () => {
  it("answers 404 for another user's session and leaves it active", async () => {
    const [owner, intruder] = await Promise.all([createTestUser(), createTestUser()]);
    const [target, own] = await Promise.all([
      browserSession(owner.id),
      browserSession(intruder.id),
    ]);

    const err: unknown = await revokeOwnSession({
      userId: intruder.id,
      handle: sessionHandle(target.id),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(errorView(err)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await validateSession(target.id)).not.toBeNull();
    expect((await row(target.id)).revokedAt).toBeNull();

    // The same call on the caller's own session works.
    await revokeOwnSession({ userId: intruder.id, handle: sessionHandle(own.id) });
    expect(await validateSession(own.id)).toBeNull();
    // ... and revoking it twice is a 404, not a silent success.
    expect(
      await rejectionView(revokeOwnSession({ userId: intruder.id, handle: sessionHandle(own.id) })),
    ).toMatchObject({ status: 404 });
  });
});
