import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';

/**
 * Acknowledges one of the customer's alerts. Idempotent: acknowledging twice
 * keeps the first time. Another customer's alert is a 404.
 */
export async function acknowledgeAlert(input: {
  userId: number;
  alertId: number;
}): Promise<{ acknowledgedAt: Date }> {
  await db.alert.updateMany({
    where: { id: input.alertId, userId: input.userId, acknowledgedAt: null },
    data: { acknowledgedAt: new Date() },
  });
  const alert = await db.alert.findFirst({
    where: { id: input.alertId, userId: input.userId },
    select: { acknowledgedAt: true },
  });
  if (!alert?.acknowledgedAt) throw notFound('Alert not found');
  return { acknowledgedAt: alert.acknowledgedAt };
}
