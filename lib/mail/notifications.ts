import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/accounts/users';
import { db, type Prisma } from '@/lib/db/client';
import type { NotificationStatus } from '@/lib/db/generated/enums';
import { getEnv } from '@/lib/env';
import { enqueue, QUEUES } from '@/lib/jobs/boss';
import { logger } from '@/lib/log';
import { pageOf, type Page } from '@/lib/pagination';
import type { RenderedMail } from './templates';
import { mailTransport } from './transport';

/**
 * The one owner of the notifications table: every e-mail the portal sends. A notification is
 * written, rendered, in the transaction of what causes it, with a job to deliver it; delivery
 * happens later, on a worker, so a slow or broken SMTP server never holds up a request, and a
 * rolled-back change sends nothing. Each keeps one Message-ID across attempts.
 */
export type { NotificationStatus };

export interface QueueMailInput {
  kind: string;
  to: string;
  userId?: number | null;
  ticketId?: number | null;
  ticketMessageId?: number | null;
  replyTo?: string | null;
  mail: RenderedMail;
}

function messageIdDomain(): string {
  const from = /@([A-Za-z0-9.-]+)>?\s*$/.exec(getEnv().MAIL_FROM);
  return from?.[1] ?? getEnv().SUPPORT_REPLY_DOMAIN;
}

/** Writes the e-mail and its delivery job in the caller's transaction. */
export async function queueMail(tx: Tx, input: QueueMailInput): Promise<number> {
  const row = await tx.notification.create({
    data: {
      kind: input.kind,
      messageId: `<${randomUUID()}@${messageIdDomain()}>`,
      toAddress: input.to,
      userId: input.userId ?? null,
      ticketId: input.ticketId ?? null,
      ticketMessageId: input.ticketMessageId ?? null,
      replyTo: input.replyTo ?? null,
      subject: input.mail.subject,
      textBody: input.mail.text,
      htmlBody: input.mail.html,
    },
    select: { id: true },
  });
  await enqueue(tx, QUEUES.mail, { notificationId: row.id });
  return row.id;
}

export interface DeliveryJob {
  notificationId: number;
  /** Attempts already made by the queue before this one, and how many retries it allows. */
  retryCount: number;
  retryLimit: number;
}

/**
 * Sends one notification. Already sent (a job redelivered after a crash that followed a
 * successful send): nothing happens. A failure is recorded and thrown, so the queue retries with
 * back-off; after the last retry the notification is marked failed.
 */
export async function deliverMail(job: DeliveryJob): Promise<void> {
  const n = await db.notification.findUnique({ where: { id: job.notificationId } });
  if (!n || n.status === 'SENT' || n.status === 'BOUNCED') return;
  const env = getEnv();
  if (env.mailDisabled && !env.SMTP_URL) {
    await db.notification.update({
      where: { id: n.id },
      data: { status: 'FAILED', lastError: 'mail is disabled (MAIL_DISABLED=1)' },
    });
    return;
  }
  try {
    await mailTransport().transporter.sendMail({
      from: env.MAIL_FROM,
      to: n.toAddress,
      subject: n.subject,
      text: n.textBody,
      html: n.htmlBody,
      replyTo: n.replyTo ?? undefined,
      messageId: n.messageId,
      // Other systems' auto-responders should not answer a notification (RFC 3834).
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    await db.notification.update({
      where: { id: n.id },
      data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
    });
  } catch (err) {
    const final = job.retryCount >= job.retryLimit;
    const message = err instanceof Error ? err.message : String(err);
    await db.notification.update({
      where: { id: n.id },
      data: {
        status: final ? 'FAILED' : 'QUEUED',
        attempts: { increment: 1 },
        lastError: message.slice(0, 500),
      },
    });
    logger.warn(
      { notificationId: n.id, attempt: job.retryCount + 1, final, error: message },
      'mail delivery failed',
    );
    if (!final) throw err;
  }
}

/** A bounce names the Message-ID it bounced; that notification is marked bounced. */
export async function markBounced(messageIds: readonly string[], reason: string): Promise<number> {
  if (messageIds.length === 0) return 0;
  const result = await db.notification.updateMany({
    where: { messageId: { in: [...messageIds] } },
    data: { status: 'BOUNCED', lastError: reason.slice(0, 500) },
  });
  return result.count;
}

export interface DeliveryState {
  id: number;
  to: string;
  kind: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  ticketMessageId: number | null;
  createdAt: Date;
  sentAt: Date | null;
}

const deliverySelect = {
  id: true,
  toAddress: true,
  kind: true,
  status: true,
  attempts: true,
  lastError: true,
  ticketMessageId: true,
  createdAt: true,
  sentAt: true,
} as const satisfies Prisma.NotificationSelect;

function toDelivery(
  row: Prisma.NotificationGetPayload<{ select: typeof deliverySelect }>,
): DeliveryState {
  const { toAddress, ...rest } = row;
  return { ...rest, to: toAddress };
}

/** What became of a ticket's e-mails, for the staff (the customer never sees this). */
export async function ticketDeliveries(ticketId: number): Promise<DeliveryState[]> {
  const rows = await db.notification.findMany({
    where: { ticketId },
    select: deliverySelect,
    orderBy: { id: 'asc' },
  });
  return rows.map(toDelivery);
}

export interface OutboxMail extends DeliveryState {
  subject: string;
  text: string;
  replyTo: string | null;
  messageId: string;
}

/** Newest first, for /dev/outbox (loopback only: it shows links meant for one person). */
export async function listOutbox(page: number, pageSize: number): Promise<Page<OutboxMail>> {
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      select: { ...deliverySelect, subject: true, textBody: true, replyTo: true, messageId: true },
      orderBy: { id: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.notification.count(),
  ]);
  return pageOf(
    rows.map(({ textBody, subject, replyTo, messageId, ...row }) => ({
      ...toDelivery(row),
      subject,
      text: textBody,
      replyTo,
      messageId,
    })),
    total,
    page,
    pageSize,
  );
}
