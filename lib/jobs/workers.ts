import 'server-only';
import pLimit from 'p-limit';
import type PgBoss from 'pg-boss';
import { deliverMail } from '@/lib/mail/notifications';
import { sendPasswordReset } from '@/lib/accounts/lifecycle';
import { deleteExpiredUploads } from '@/lib/support/attachments';
import { closeResolvedTickets } from '@/lib/support/tickets';
import { logger } from '@/lib/log';
import { getBoss, QUEUES } from './boss';

/** E-mails one fetch claims, and how many of them go out at once. */
const MAIL_BATCH = 20;
const MAIL_CONCURRENCY = 5;

/**
 * Starts this process's workers: mail delivery, the auto-close of resolved tickets every ten
 * minutes, reset links for reset requests, and the removal of attachment uploads never sent, hourly (pg-boss runs a schedule once
 * however many instances run it). Every portal instance
 * runs them unless JOBS_WORKER=0.
 *
 * pg-boss hands a worker a batch and completes every job of it whose handler did not fail it; a
 * delivery that fails is failed on its own (`boss.fail`), so the queue retries just that one.
 */
export async function startWorkers(
  options: { pollingIntervalSeconds?: number; boss?: PgBoss } = {},
) {
  const boss = options.boss ?? (await getBoss());
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 };
  const limit = pLimit(MAIL_CONCURRENCY);
  const mailWorker = await boss.work<{ notificationId: number }>(
    QUEUES.mail,
    { ...polling, batchSize: MAIL_BATCH, includeMetadata: true },
    async (jobs) => {
      await Promise.all(
        jobs.map((job) =>
          limit(async () => {
            try {
              await deliverMail({
                notificationId: job.data.notificationId,
                retryCount: job.retryCount,
                retryLimit: job.retryLimit,
              });
            } catch (err) {
              await boss.fail(QUEUES.mail, job.id, {
                message: err instanceof Error ? err.message : String(err),
              });
            }
          }),
        ),
      );
    },
  );
  await boss.schedule(QUEUES.closeTickets, '*/10 * * * *');
  const closeWorker = await boss.work(QUEUES.closeTickets, polling, async () => {
    const closed = await closeResolvedTickets();
    if (closed > 0) logger.info({ closed }, 'closed resolved tickets');
  });
  await boss.schedule(QUEUES.expireUploads, '17 * * * *');
  const expireWorker = await boss.work(QUEUES.expireUploads, polling, async () => {
    const deleted = await deleteExpiredUploads();
    if (deleted > 0) logger.info({ deleted }, 'deleted attachment uploads never sent');
  });
  // A burst of reset requests is mailed in batches, each job failed on its own.
  const resetWorker = await boss.work<{ email: string }>(
    QUEUES.passwordReset,
    { ...polling, batchSize: MAIL_BATCH },
    async (jobs) => {
      await Promise.all(
        jobs.map((job) =>
          limit(async () => {
            try {
              await sendPasswordReset(job.data);
            } catch (err) {
              await boss.fail(QUEUES.passwordReset, job.id, {
                message: err instanceof Error ? err.message : String(err),
              });
            }
          }),
        ),
      );
    },
  );
  return {
    stop: async () => {
      await boss.offWork({ id: resetWorker });
      await boss.offWork({ id: mailWorker });
      await boss.offWork({ id: closeWorker });
      await boss.offWork({ id: expireWorker });
    },
  };
}
