/**
 * lib/auth/tokens: refresh-token rotation, reuse detection (ASVS 5.0 10.4.5), the 7-day
 * limit counted from sign-in, and (on a real PostgreSQL) the concurrent-refresh race.
 */
import { describe, expect, it } from 'vitest';
import { validateSession } from '@/lib/auth/sessions';
import {
  REFRESH_TOKEN_TTL_MS,
  authenticateAccessToken,
  hashRefreshToken,
  rotateRefreshToken,
  type TokenPair,
} from '@/lib/auth/tokens';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { recordSecret } from '../support/artifacts';
import { errorView, rejectionView, type ErrorView } from '../support/errors';
import { settledAtOnce } from '../support/parallel';
import { tokenLogin } from '../support/token-sessions';

async function rotate(token: string): Promise<TokenPair> {
  const pair = await rotateRefreshToken(token, 'API_V1');
  recordSecret('refresh_token', pair.refreshToken);
  return pair;
}

function tokenRow(token: string) {
  return db.refreshToken.findUniqueOrThrow({ where: { tokenHash: hashRefreshToken(token) } });
}

const refusal = (token: string): Promise<ErrorView> =>
  rejectionView(rotateRefreshToken(token, 'API_V1'));

describe('rotateRefreshToken', () => {
  it('rotates: a new refresh and access token for the same session, the old one marked used', async () => {
    const { user, sessionId, refreshToken } = await tokenLogin();

    const pair = await rotate(refreshToken);

    expect(pair).toMatchObject({ userId: user.id, sessionId, expiresIn: 900 });
    expect(pair.refreshToken).not.toBe(refreshToken);
    expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await tokenRow(refreshToken)).usedAt).not.toBeNull();
    expect((await tokenRow(pair.refreshToken)).usedAt).toBeNull();
    // Only the hash is stored.
    expect(await db.refreshToken.count({ where: { tokenHash: pair.refreshToken } })).toBe(0);
    await expect(authenticateAccessToken(pair.accessToken, ['API_V1'])).resolves.toMatchObject({
      id: sessionId,
      user: { id: user.id },
    });
    // The new token rotates in turn.
    await expect(rotate(pair.refreshToken)).resolves.toMatchObject({ sessionId });
  });

  it('reuse of a used token revokes the whole session, newest tokens included', async () => {
    const { sessionId, refreshToken, accessToken } = await tokenLogin();
    const newest = await rotate(refreshToken);
    await expect(authenticateAccessToken(newest.accessToken, ['API_V1'])).resolves.toMatchObject({
      id: sessionId,
    });

    const reuse = await refusal(refreshToken);

    expect(reuse).toMatchObject({ status: 401, code: 'REFRESH_TOKEN_REUSED' });
    expect(await validateSession(sessionId)).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedReason).toBe(
      'refresh_token_reuse',
    );
    expect(await refusal(newest.refreshToken)).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    for (const token of [accessToken, newest.accessToken]) {
      await expect(authenticateAccessToken(token, ['API_V1'])).rejects.toMatchObject({
        code: 'SESSION_REVOKED',
      });
    }
  });

  it('refuses an expired refresh token (and an unknown one)', async () => {
    const { refreshToken: working } = await tokenLogin();
    await expect(rotate(working)).resolves.toBeDefined();

    const { refreshToken } = await tokenLogin();
    await db.refreshToken.update({
      where: { tokenHash: hashRefreshToken(refreshToken) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(refreshToken)).toMatchObject({
      status: 401,
      code: 'REFRESH_TOKEN_INVALID',
    });
    expect((await tokenRow(refreshToken)).usedAt).toBeNull();
    expect(await refusal('not-a-token')).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
  });

  it('never extends the 7-day limit: every rotated token expires 7 days after sign-in', async () => {
    const { sessionId, refreshToken } = await tokenLogin();
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    const limit = session.createdAt.getTime() + REFRESH_TOKEN_TTL_MS;
    expect(REFRESH_TOKEN_TTL_MS).toBe(7 * 24 * 3600 * 1000);
    expect((await tokenRow(refreshToken)).expiresAt.getTime()).toBe(limit);

    let token = refreshToken;
    for (let i = 0; i < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      token = (await rotate(token)).refreshToken;
      const rotated = await tokenRow(token);
      expect(rotated.expiresAt.getTime()).toBe(limit);
      expect(rotated.createdAt.getTime()).toBeGreaterThan(session.createdAt.getTime());
    }
  });
});

describe('concurrent refresh (real PostgreSQL)', () => {
  it.skipIf(!process.env.DATABASE_URL)(
    'of 10 concurrent rotations with one token exactly one succeeds',
    async () => {
      const { sessionId, refreshToken } = await tokenLogin();

      const results = await settledAtOnce(10, () => rotateRefreshToken(refreshToken, 'API_V1'));

      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const r of lost) {
        expect(r.reason).toBeInstanceOf(AppError);
        expect(errorView(r.reason).status).toBe(401);
        expect(['REFRESH_TOKEN_RACE', 'REFRESH_TOKEN_REUSED']).toContain(
          (r.reason as AppError).code,
        );
      }
      const winner = won[0];
      if (winner?.status === 'fulfilled') recordSecret('refresh_token', winner.value.refreshToken);
      expect(await db.refreshToken.count({ where: { sessionId } })).toBe(2);
    },
  );
});
