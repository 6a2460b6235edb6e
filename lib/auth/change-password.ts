import 'server-only';
import { db } from '@/lib/db/client';
import { AppError, badRequest, notFound } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';

/**
 * Changing a password needs the current one, clears force-password-change and
 * ends every other session of the user (the current one stays signed in).
 */
export async function changePassword(input: {
  userId: number;
  currentSessionId: string | null;
  currentPassword: string;
  newPassword: string;
}): Promise<{ endedSessions: number }> {
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: { passwordHash: true },
  });
  if (!user) throw notFound('Account not found');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError(400, 'INVALID_CURRENT_PASSWORD', 'Current password is incorrect', [
      'current_password: is incorrect',
    ]);
  }
  if (input.currentPassword === input.newPassword) {
    throw badRequest('WEAK_PASSWORD', 'The new password must differ from the current one', [
      'new_password: must differ from the current password',
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash, forcePasswordChange: false, passwordChangedAt: new Date() },
    });
    const ended = await tx.session.updateMany({
      where: {
        userId: input.userId,
        revokedAt: null,
        ...(input.currentSessionId ? { id: { not: input.currentSessionId } } : {}),
      },
      data: { revokedAt: new Date(), revokedReason: 'password_changed' },
    });
    return { endedSessions: ended.count };
  });
}
