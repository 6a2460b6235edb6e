import 'server-only';
import PgBoss from 'pg-boss';
import type { Tx } from '@/lib/accounts/users';
import { db } from '@/lib/db/client';
import { resolveDatabaseUrl } from '@/lib/db/database-url';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';

/**
 * Background work on pg-boss: a job queue in PostgreSQL (its own `pgboss` schema), safe with any
 * number of portal instances because workers claim jobs with SELECT … FOR UPDATE SKIP LOCKED.
 * Chosen over graphile-worker because pg-boss 10 runs on Node 20 (graphile-worker 0.18 needs
 * Node 22.18) and needs no LISTEN/NOTIFY, which the embedded database's connection multiplexer
 * does not carry; it polls instead. Jobs are enqueued in the caller's transaction (`enqueue(tx,
 * …)`), so a job exists exactly when the row that caused it committed.
 */
export const QUEUES = {
  /** Deliver one notification (lib/mail/notifications.ts). */
  mail: 'mail',
  /** Close tickets resolved longer ago than SUPPORT_AUTO_CLOSE_DAYS. */
  closeTickets: 'close-resolved-tickets',
  /** Delete attachment uploads never sent within a day. */
  expireUploads: 'expire-attachment-uploads',
  /** Mail a reset link to the account a reset request named, if there is one. */
  passwordReset: 'password-reset-request',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface BossState {
  boss: PgBoss;
  ready: Promise<PgBoss>;
}

const globalForBoss = globalThis as unknown as { portalBoss?: BossState };

/**
 * A queue of its own (its own pool): the process's one comes from getBoss(); the tests make a
 * second to stand for another portal instance.
 */
export function createBoss(): BossState {
  const env = getEnv();
  const boss = new PgBoss({
    connectionString: resolveDatabaseUrl(),
    schema: 'pgboss',
    application_name: 'sense-portal-jobs',
    max: 4,
  });
  boss.on('error', (error: Error) => logger.error({ error: error.message }, 'job queue error'));
  const ready = (async () => {
    await boss.start();
    const mail = {
      name: QUEUES.mail,
      retryLimit: env.MAIL_RETRY_LIMIT,
      retryDelay: env.MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      // An SMTP conversation that hangs is abandoned and retried, never stuck.
      expireInSeconds: 120,
    };
    // Created once; later starts apply the current settings (MAIL_RETRY_* may have changed).
    await boss.createQueue(QUEUES.mail, mail);
    await boss.updateQueue(QUEUES.mail, mail);
    await boss.createQueue(QUEUES.closeTickets, { name: QUEUES.closeTickets, retryLimit: 3 });
    await boss.createQueue(QUEUES.expireUploads, { name: QUEUES.expireUploads, retryLimit: 3 });
    await boss.createQueue(QUEUES.passwordReset, { name: QUEUES.passwordReset, retryLimit: 3 });
    return boss;
  })();
  return { boss, ready };
}

/** The process's queue, started once (it creates or migrates its schema on first start). */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.portalBoss ??= createBoss();
  return globalForBoss.portalBoss.ready;
}

/** Stops the queue (tests, shutdown), letting running jobs finish for up to `graceMs`. */
export async function stopBoss(graceMs = 5_000): Promise<void> {
  const state = globalForBoss.portalBoss;
  if (!state) return;
  globalForBoss.portalBoss = undefined;
  await state.ready.catch(() => undefined);
  await state.boss.stop({ graceful: true, timeout: graceMs, wait: true });
}

/** pg-boss's SQL, run on the caller's transaction: the job commits or rolls back with it. */
function transactionDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const params = values.map((v: unknown) =>
        v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...params);
      return { rows };
    },
  };
}

/**
 * A transaction that may enqueue jobs. The queue is started first, outside it: starting it
 * (which creates its schema the first time) takes connections of its own, and on the embedded
 * database another connection waits for an open transaction to end.
 */
export async function transactionWithJobs<T>(
  fn: (tx: Tx) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<T> {
  await getBoss();
  return db.$transaction(fn, { timeout: options.timeout ?? 15_000 });
}

/** Adds a job in the caller's transaction (opened by transactionWithJobs). */
export async function enqueue(tx: Tx, queue: QueueName, data: object): Promise<void> {
  const boss = await getBoss();
  await boss.send(queue, data, { db: transactionDb(tx) });
}
