/**
 * Issue 7, items 4, 6 and three of item 10's: races around passwords, guessing through
 * change-password, the refresh race's own code and rehashing at a new cost. The races are made
 * deterministic with a barrier wrapped around the session module: the test holds a sign-in (or a
 * refresh) at the exact point where the other request must commit.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { changePassword } from '@/lib/auth/change-password';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { createSession, validateSession } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { authenticateAccessToken, hashRefreshToken, rotateRefreshToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { peek } from '@/lib/rate-limit';
import { createTestUser, randomIp, type TestUser } from '../support/users';
import { rejectionView, type ErrorView } from '../support/errors';
import { settledAtOnce } from '../support/parallel';
import { tokenLogin } from '../support/token-sessions';

type Hook = () => Promise<void>;
const hooks = vi.hoisted(() => ({
  beforeCreateSession: null as (() => Promise<void>) | null,
  beforeValidateSession: null as (() => Promise<void>) | null,
}));

/** Runs a one-shot hook (if set) before the real function: the barrier of each race below. */
vi.mock('@/lib/auth/sessions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/sessions')>();
  const once = async (name: keyof typeof hooks) => {
    const hook = hooks[name];
    hooks[name] = null;
    if (hook) await hook();
  };
  return {
    ...actual,
    createSession: async (...args: Parameters<typeof actual.createSession>) => {
      await once('beforeCreateSession');
      return actual.createSession(...args);
    },
    validateSession: async (...args: Parameters<typeof actual.validateSession>) => {
      await once('beforeValidateSession');
      return actual.validateSession(...args);
    },
  };
});

beforeEach(() => {
  hooks.beforeCreateSession = null;
  hooks.beforeValidateSession = null;
});

/** A barrier: `reached` resolves when the held code arrives; it waits until `release()`. */
function barrier(): { hook: Hook; reached: Promise<void>; release: () => void } {
  let arrive = () => {};
  let release = () => {};
  const reached = new Promise<void>((r) => (arrive = r));
  const released = new Promise<void>((r) => (release = r));
  return {
    hook: async () => {
      arrive();
      await released;
    },
    reached,
    release,
  };
}

const rejection = (promise: Promise<unknown>): Promise<ErrorView> => rejectionView(promise);

describe('credential versions (item 4)', () => {
  it('a sign-in held between its password check and its session insert dies with a password change', async () => {
    const user = await createTestUser();
    const changer = await createSession({ userId: user.id, surface: 'BROWSER' });
    const gate = barrier();
    hooks.beforeCreateSession = gate.hook;

    const racing = signIn({
      email: user.email,
      password: user.password,
      surface: 'BROWSER',
      ip: randomIp(),
    });
    await gate.reached;
    // The sign-in has verified the old password; the change commits now.
    await changePassword({
      userId: user.id,
      currentSessionId: changer.id,
      currentPassword: user.password,
      newPassword: `${user.password}-changed`,
    });
    gate.release();
    const { session } = await racing;

    expect(await validateSession(session.id)).toBeNull();
    // The session that made the change was re-stamped and stays signed in.
    expect(await validateSession(changer.id)).not.toBeNull();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.credentialVersion).toBe(2);
  });

  it('a session stamped with an older version is refused, even unrevoked', async () => {
    const user = await createTestUser();
    const session = await createSession({ userId: user.id, surface: 'API_V1' });
    expect(await validateSession(session.id)).not.toBeNull();
    await db.user.update({
      where: { id: user.id },
      data: { credentialVersion: { increment: 1 } },
    });
    expect(await validateSession(session.id)).toBeNull();
  });
});

describe('guessing the current password (item 6)', () => {
  /** `count` password changes from the session, each refused for a wrong current password. */
  async function guessWrong(user: TestUser, sessionId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const err = await rejection(
        changePassword({
          userId: user.id,
          currentSessionId: sessionId,
          currentPassword: `wrong-${i}`,
          newPassword: `${user.password}-x`,
        }),
      );
      expect(err.code).toBe('INVALID_CURRENT_PASSWORD');
    }
  }

  it('after 5 wrong answers in 15 minutes: 429, and the session that sent the fifth has ended', async () => {
    const user = await createTestUser();
    const [guesser, other] = await Promise.all([
      createSession({ userId: user.id, surface: 'API_V1' }),
      createSession({ userId: user.id, surface: 'BROWSER' }),
    ]);
    const attempt = (sessionId: string, currentPassword: string) =>
      changePassword({
        userId: user.id,
        currentSessionId: sessionId,
        currentPassword,
        newPassword: `${user.password}-new`,
      });

    for (let i = 1; i <= 5; i += 1) {
      const err = await rejection(attempt(guesser.id, `wrong-guess-${i}`));
      expect(err).toMatchObject({ status: 400, code: 'INVALID_CURRENT_PASSWORD' });
      expect(await validateSession(guesser.id)).toEqual(i < 5 ? expect.anything() : null);
    }
    const revoked = await db.session.findUniqueOrThrow({ where: { id: guesser.id } });
    expect(revoked.revokedReason).toBe('password_guessing');

    // Even the right password now waits, from any session.
    const limited = await rejection(attempt(other.id, user.password));
    expect(limited.status).toBe(429);
    expect(limited.headers['Retry-After']).toMatch(/^\d+$/);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(user.password, stored.passwordHash)).toBe(true);
    expect(await validateSession(other.id)).not.toBeNull();
  });

  it('a right password credits its attempt back', async () => {
    const user = await createTestUser();
    const session = await createSession({ userId: user.id, surface: 'BROWSER' });
    await guessWrong(user, session.id, 4);
    let password = user.password;
    // Four wrong, then right several times: never the fifth failure.
    for (let i = 0; i < 3; i += 1) {
      const next = `${user.password}-round-${i}`;
      await changePassword({
        userId: user.id,
        currentSessionId: session.id,
        currentPassword: password,
        newPassword: next,
      });
      password = next;
    }
    expect(await validateSession(session.id)).not.toBeNull();
  });

  it("counts each wrong current password against the account's hourly sign-in failures", async () => {
    const user = await createTestUser();
    const session = await createSession({ userId: user.id, surface: 'BROWSER' });
    const before = await peek('login-account-hourly', user.email);
    await guessWrong(user, session.id, 2);
    const after = await peek('login-account-hourly', user.email);
    // The same key a failed sign-in spends (lib/auth/sign-in.ts): guesses add up across both.
    expect(before.remaining - after.remaining).toBe(2);
  });
});

describe('refresh race (item 10)', () => {
  it('a rotation that loses the race answers REFRESH_TOKEN_RACE and keeps the session', async () => {
    const login = await tokenLogin('API_V1');
    // Between this rotation's read of the token and its claim, another one claims it.
    hooks.beforeValidateSession = async () => {
      await db.refreshToken.updateMany({
        where: { tokenHash: hashRefreshToken(login.refreshToken), usedAt: null },
        data: { usedAt: new Date() },
      });
    };
    const err = await rejection(rotateRefreshToken(login.refreshToken, 'API_V1'));
    expect(err).toMatchObject({ status: 401, code: 'REFRESH_TOKEN_RACE' });
    await expect(authenticateAccessToken(login.accessToken, ['API_V1'])).resolves.toMatchObject({
      id: login.sessionId,
    });
  });

  it("another surface's refresh token is refused without ending its session", async () => {
    const login = await tokenLogin('GIGGATEK');
    const err = await rejection(rotateRefreshToken(login.refreshToken, 'API_V1'));
    expect(err).toMatchObject({ status: 401, code: 'REFRESH_TOKEN_INVALID' });
    expect(await validateSession(login.sessionId)).not.toBeNull();
  });
});

describe('rehash on sign-in (item 10)', () => {
  it('replaces a hash made at another cost, keeping the password and the sessions', async () => {
    const user = await createTestUser();
    const cost = getEnv().BCRYPT_COST;
    const oldHash = await hashPassword(user.password, cost + 1);
    await db.user.update({ where: { id: user.id }, data: { passwordHash: oldHash } });
    const earlier = await createSession({ userId: user.id, surface: 'BROWSER' });

    await signIn({
      email: user.email,
      password: user.password,
      surface: 'BROWSER',
      ip: randomIp(),
    });

    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).not.toBe(oldHash);
    expect(passwordHash?.slice(0, 7)).toBe(`$2b$${String(cost).padStart(2, '0')}$`);
    expect(await verifyPassword(user.password, passwordHash)).toBe(true);
    expect(await validateSession(earlier.id)).not.toBeNull();

    // At the configured cost already: left alone.
    await signIn({
      email: user.email,
      password: user.password,
      surface: 'BROWSER',
      ip: randomIp(),
    });
    const again = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(again.passwordHash).toBe(passwordHash);
  });
});

describe('sign-in limits counted before bcrypt (item 5)', () => {
  it('of 40 parallel wrong sign-ins from one address, at most 10 reach the password check', async () => {
    const user = await createTestUser();
    const ip = randomIp();
    const results = await settledAtOnce(40, () =>
      signIn({ email: user.email, password: 'wrong-password-123', surface: 'BROWSER', ip }),
    );
    const codes = results.map((r) =>
      r.status === 'rejected' ? (r.reason as AppError).code : 'ok',
    );
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30);
    expect(codes).not.toContain('ok');
    // The account is not locked for another address.
    await expect(
      signIn({ email: user.email, password: user.password, surface: 'BROWSER', ip: randomIp() }),
    ).resolves.toMatchObject({ user: { id: user.id } });
  });
});
