import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { UserTokenPurpose } from '@/lib/db/generated/enums';
import type { Tx } from './users';

/**
 * Single-use tokens mailed to an account: 256 random bits, base64url in the link, only their
 * SHA-256 stored. Consuming one is a conditional UPDATE (unconsumed, unexpired), so two requests
 * racing with the same token cannot both use it. The one owner of `user_tokens`.
 */
export const TOKEN_LIFETIME_MS: Record<UserTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 3600 * 1000,
  RESET_PASSWORD: 3600 * 1000,
  END_SESSIONS: 7 * 24 * 3600 * 1000,
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Issues a token for `purpose`, ending the account's earlier ones of the same purpose, except an
 * "end all sessions" token: each security e-mail's link must keep working, so a new e-mail (which
 * whoever holds the account can cause) never disarms an older one.
 */
export async function issueToken(
  tx: Tx,
  input: { userId: number; email: string; purpose: UserTokenPurpose; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]);
  if (input.purpose !== 'END_SESSIONS') {
    await tx.userToken.updateMany({
      where: { userId: input.userId, purpose: input.purpose, consumedAt: null },
      data: { consumedAt: now },
    });
  }
  await tx.userToken.create({
    data: {
      userId: input.userId,
      email: input.email,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      expiresAt,
      createdAt: now,
    },
  });
  return { token, expiresAt };
}

/**
 * Uses a token once: the account and address it was issued for, or null when it is unknown,
 * used, expired or of another purpose.
 */
export async function consumeToken(
  tx: Tx,
  input: { token: string; purpose: UserTokenPurpose; now?: Date },
): Promise<{ userId: number; email: string } | null> {
  const now = input.now ?? new Date();
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) return null;
  const tokenHash = hashToken(input.token);
  const used = await tx.userToken.updateMany({
    where: { tokenHash, purpose: input.purpose, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  if (used.count !== 1) return null;
  return tx.userToken.findUnique({
    where: { tokenHash },
    select: { userId: true, email: true },
  });
}
