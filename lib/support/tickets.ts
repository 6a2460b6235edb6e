import 'server-only';
import type { Tx } from '@/lib/accounts/users';
import { listUsersWithRoles, requireVerifiedEmail } from '@/lib/accounts/users';
import { rolesWith } from '@/lib/auth/permissions';
import { getContract } from '@/lib/contracts/read';
import { db, type Prisma } from '@/lib/db/client';
import type {
  TicketCategory,
  TicketPriority,
  TicketRating,
  TicketStatus,
} from '@/lib/db/generated/enums';
import { getEnv } from '@/lib/env';
import { transactionWithJobs } from '@/lib/jobs/boss';
import { AppError, invalid, notFound } from '@/lib/errors';
import { pageOf, type Page } from '@/lib/pagination';
import { getPurchase } from '@/lib/payments/purchases';
import { ticketDeliveries, type DeliveryState } from '@/lib/mail/notifications';
import {
  attachmentsOf,
  bindAttachments,
  moveAttachments,
  type AttachmentMeta,
} from './attachments';
import { notifyAgents, notifyCustomer } from './notify';
import {
  addBusinessMinutes,
  parseBusinessHours,
  slaState,
  type BusinessHours,
  type SlaState,
} from './sla';

/**
 * The one owner of tickets and their messages: every write, every read. Customers' reads and
 * writes go through functions that take the customer's id and filter by it (another customer's
 * ticket is a 404), and whose message queries carry `PUBLIC_ONLY`, so no customer-facing path can
 * load an agent's internal note. Staff functions are separate and say so in their names.
 *
 * Every change to a ticket locks its row first (SELECT ... FOR UPDATE), so two replies, a reply
 * and a resolution, or a merge and a reply are applied one after the other.
 */
export type { TicketCategory, TicketPriority, TicketRating, TicketStatus };

/** The filter every customer-facing message query carries. */
const PUBLIC_ONLY = { internal: false } as const satisfies Prisma.TicketMessageWhereInput;

export const ticketId = (id: number) => `ticket_${id}`;

export interface TicketSummary {
  id: number;
  subject: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  contractId: number | null;
  purchaseId: number | null;
  followUpOfId: number | null;
  mergedIntoId: number | null;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export interface TicketMessage {
  id: number;
  body: string;
  internal: boolean;
  createdAt: Date;
  author: { id: number; name: string; staff: boolean };
  attachments: AttachmentMeta[];
}

export interface TicketRatingView {
  rating: TicketRating;
  comment: string | null;
}

/** A ticket as its customer sees it: public messages only. */
export interface CustomerTicket extends TicketSummary {
  description: string;
  /** The files sent with the opening description. */
  attachments: AttachmentMeta[];
  messages: TicketMessage[];
  rating: TicketRatingView | null;
  /** Resolved (or closed after a resolution) and this resolution not rated yet. */
  canRate: boolean;
}

export interface StaffTicketSummary extends TicketSummary {
  customer: { id: number; email: string; name: string };
  assignee: { id: number; name: string } | null;
  sla: { dueAt: Date | null; targetMinutes: number | null; state: SlaState | null };
  messageCount: number;
}

export interface StaffTicket extends StaffTicketSummary {
  description: string;
  attachments: AttachmentMeta[];
  messages: TicketMessage[];
  rating: TicketRatingView | null;
  /** Every e-mail about this ticket and what became of it (queued, sent, failed, bounced). */
  emails: DeliveryState[];
}

const summarySelect = {
  id: true,
  subject: true,
  category: true,
  priority: true,
  status: true,
  contractId: true,
  purchaseId: true,
  followUpOfId: true,
  mergedIntoId: true,
  createdAt: true,
  updatedAt: true,
  lastMessageAt: true,
  resolvedAt: true,
  closedAt: true,
} as const satisfies Prisma.TicketSelect;

const messageSelect = {
  id: true,
  body: true,
  internal: true,
  createdAt: true,
  author: { select: { id: true, firstName: true, lastName: true, role: true } },
} as const satisfies Prisma.TicketMessageSelect;

type MessageRow = Prisma.TicketMessageGetPayload<{ select: typeof messageSelect }>;

function toMessage(row: MessageRow, attachments: AttachmentMeta[] = []): TicketMessage {
  const staff = row.author.role !== 'CUSTOMER';
  return {
    attachments,
    id: row.id,
    body: row.body,
    internal: row.internal,
    createdAt: row.createdAt,
    author: {
      id: row.author.id,
      name: staff
        ? `${row.author.firstName} (Support)`
        : `${row.author.firstName} ${row.author.lastName}`,
      staff,
    },
  };
}

/**
 * A ticket's messages with their attachments, and its opening's. `messages` were loaded by the
 * caller's own query (for a customer, with PUBLIC_ONLY), so only their files are listed.
 */
async function withAttachments(ticketId: number, messages: MessageRow[]) {
  const files = await attachmentsOf({ ticketId, messageIds: messages.map((m) => m.id) });
  return {
    attachments: files.opening,
    messages: messages.map((m) => toMessage(m, files.byMessage.get(m.id) ?? [])),
  };
}

function ratingOf(row: {
  rating: TicketRating | null;
  ratingComment: string | null;
}): TicketRatingView | null {
  return row.rating ? { rating: row.rating, comment: row.ratingComment } : null;
}

// ---------------------------------------------------------------------------------------------
// SLA

interface SlaSettings {
  first: Record<TicketPriority, number>;
  next: Record<TicketPriority, number>;
  hours: BusinessHours | null;
}

function slaSettings(): SlaSettings {
  const env = getEnv();
  const upper = (t: typeof env.SUPPORT_SLA_FIRST_RESPONSE): Record<TicketPriority, number> => ({
    URGENT: t.urgent,
    HIGH: t.high,
    MEDIUM: t.medium,
    LOW: t.low,
  });
  return {
    first: upper(env.SUPPORT_SLA_FIRST_RESPONSE),
    next: upper(env.SUPPORT_SLA_NEXT_RESPONSE),
    hours: parseBusinessHours(env.SUPPORT_BUSINESS_HOURS),
  };
}

/** The clock's columns when it starts (or restarts) at `now`. */
function startClock(priority: TicketPriority, firstResponse: boolean, now: Date) {
  const sla = slaSettings();
  const minutes = (firstResponse ? sla.first : sla.next)[priority];
  return {
    slaStartedAt: now,
    slaDueAt: addBusinessMinutes(now, minutes, sla.hours),
    slaTargetMinutes: minutes,
  };
}

const STOPPED_CLOCK = { slaStartedAt: null, slaDueAt: null, slaTargetMinutes: null } as const;

// ---------------------------------------------------------------------------------------------
// Locking

interface LockedTicket {
  id: number;
  userId: number;
  subject: string;
  assigneeId: number | null;
  status: TicketStatus;
  priority: TicketPriority;
  mergedIntoId: number | null;
  firstRespondedAt: Date | null;
  slaStartedAt: Date | null;
  resolutionCount: number;
  ratedResolution: number | null;
  closedAt: Date | null;
}

async function lockTicket(tx: Tx, id: number): Promise<LockedTicket | null> {
  const rows = await tx.$queryRaw<
    {
      id: number;
      user_id: number;
      subject: string;
      assignee_id: number | null;
      status: TicketStatus;
      priority: TicketPriority;
      merged_into_id: number | null;
      first_responded_at: Date | null;
      sla_started_at: Date | null;
      resolution_count: number;
      rated_resolution: number | null;
      closed_at: Date | null;
    }[]
  >`SELECT id, user_id, subject, assignee_id, status::text AS status, priority::text AS priority, merged_into_id,
           first_responded_at, sla_started_at, resolution_count, rated_resolution, closed_at
      FROM tickets WHERE id = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    subject: row.subject,
    assigneeId: row.assignee_id,
    status: row.status,
    priority: row.priority,
    mergedIntoId: row.merged_into_id,
    firstRespondedAt: row.first_responded_at,
    slaStartedAt: row.sla_started_at,
    resolutionCount: row.resolution_count,
    ratedResolution: row.rated_resolution,
    closedAt: row.closed_at,
  };
}

/**
 * Locks the ticket a write addresses, following merges to the surviving ticket (replies to a
 * merged ticket land in the one it was merged into). `userId` scopes it to its customer.
 */
async function lockForWrite(tx: Tx, id: number, userId?: number): Promise<LockedTicket> {
  let ticket = await lockTicket(tx, id);
  for (let hops = 0; ticket?.mergedIntoId && hops < 5; hops += 1) {
    ticket = await lockTicket(tx, ticket.mergedIntoId);
  }
  if (!ticket || (userId !== undefined && ticket.userId !== userId)) {
    throw notFound('Ticket not found');
  }
  return ticket;
}

function closedError(id: number): AppError {
  return new AppError(
    'TICKET_CLOSED',
    `Ticket ${ticketId(id)} is closed and takes no more replies; open a follow-up ticket instead`,
    { link: `${getEnv().appUrl}/support/new?followUpOf=${ticketId(id)}` },
  );
}

/**
 * The ticket an upload is for: the one a reply would land in (merges followed), the customer's
 * own (else 404) and, for a customer, not closed (409). Agents may attach to a closed ticket's
 * notes.
 */
export async function ticketForUpload(input: { ticketId: number; userId?: number }) {
  return transaction(async (tx) => {
    const ticket = await lockForWrite(tx, input.ticketId, input.userId);
    if (input.userId !== undefined && ticket.status === 'CLOSED') throw closedError(ticket.id);
    return ticket.id;
  });
}

/** A message and the files sent with it, written in the caller's transaction. */
async function writeMessage(
  tx: Tx,
  input: {
    ticketId: number;
    authorId: number;
    body: string;
    internal: boolean;
    attachmentIds?: readonly number[];
    now: Date;
  },
): Promise<TicketMessage> {
  const { attachmentIds = [], now, ...message } = input;
  const row = await tx.ticketMessage.create({
    data: { ...message, createdAt: now },
    select: messageSelect,
  });
  const attachments = await bindAttachments(tx, {
    ids: attachmentIds,
    uploaderId: input.authorId,
    ticketId: input.ticketId,
    messageId: row.id,
  });
  return toMessage(row, attachments);
}

/** Ticket changes may queue e-mail, so their transactions start the job queue first. */
const transaction = <T>(fn: (tx: Tx) => Promise<T>) => transactionWithJobs(fn);

// ---------------------------------------------------------------------------------------------
// Customers

export interface CreateTicketInput {
  userId: number;
  subject: string;
  description: string;
  category: TicketCategory;
  priority: TicketPriority;
  contractId?: number;
  purchaseId?: number;
  followUpOfId?: number;
  /** The customer's uploads to send with the description. */
  attachmentIds?: readonly number[];
}

export async function createTicket(input: CreateTicketInput): Promise<CustomerTicket> {
  await requireVerifiedEmail(input.userId);
  // Through their owners: another customer's contract or purchase is a 404, as if it did not exist.
  if (input.contractId !== undefined) {
    await getContract({ userId: input.userId, contractId: input.contractId });
  }
  if (input.purchaseId !== undefined) await getPurchase(input.userId, input.purchaseId);
  if (input.followUpOfId !== undefined) {
    const previous = await db.ticket.findFirst({
      where: { id: input.followUpOfId, userId: input.userId },
      select: { id: true },
    });
    if (!previous) throw notFound('The ticket to follow up was not found');
  }
  const now = new Date();
  const ticket = await transaction(async (tx) => {
    const created = await tx.ticket.create({
      data: {
        userId: input.userId,
        subject: input.subject,
        description: input.description,
        category: input.category,
        priority: input.priority,
        contractId: input.contractId ?? null,
        purchaseId: input.purchaseId ?? null,
        followUpOfId: input.followUpOfId ?? null,
        status: 'OPEN',
        createdAt: now,
        lastMessageAt: now,
        ...startClock(input.priority, true, now),
      },
      select: { id: true, user: { select: { firstName: true, lastName: true } } },
    });
    await bindAttachments(tx, {
      ids: input.attachmentIds ?? [],
      uploaderId: input.userId,
      ticketId: created.id,
      messageId: null,
    });
    await notifyAgents(
      tx,
      { id: created.id, userId: input.userId, subject: input.subject, assigneeId: null },
      {
        kind: 'opened',
        body: input.description,
        author: `${created.user.firstName} ${created.user.lastName}`,
      },
    );
    return created;
  });
  return getTicket({ userId: input.userId, ticketId: ticket.id });
}

export async function listTickets(input: {
  userId: number;
  status?: TicketStatus;
  page: number;
  pageSize: number;
}): Promise<Page<TicketSummary>> {
  const where: Prisma.TicketWhereInput = {
    userId: input.userId,
    ...(input.status ? { status: input.status } : {}),
  };
  const [rows, total] = await Promise.all([
    db.ticket.findMany({
      where,
      select: summarySelect,
      orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.ticket.count({ where }),
  ]);
  return pageOf(rows, total, input.page, input.pageSize);
}

export async function getTicket(input: {
  userId: number;
  ticketId: number;
}): Promise<CustomerTicket> {
  const row = await db.ticket.findFirst({
    where: { id: input.ticketId, userId: input.userId },
    select: {
      ...summarySelect,
      description: true,
      rating: true,
      ratingComment: true,
      ratedResolution: true,
      resolutionCount: true,
      messages: { where: PUBLIC_ONLY, select: messageSelect, orderBy: { id: 'asc' } },
    },
  });
  if (!row) throw notFound('Ticket not found');
  const { messages, rating, ratingComment, ratedResolution, resolutionCount, ...summary } = row;
  return {
    ...summary,
    ...(await withAttachments(row.id, messages)),
    rating: ratingOf({ rating, ratingComment }),
    canRate:
      (row.status === 'RESOLVED' || row.status === 'CLOSED') &&
      resolutionCount > 0 &&
      ratedResolution !== resolutionCount &&
      row.mergedIntoId === null,
  };
}

/** A customer's reply: the ticket awaits support again, and a resolved ticket reopens. */
export async function addCustomerMessage(input: {
  userId: number;
  ticketId: number;
  body: string;
  attachmentIds?: readonly number[];
}): Promise<{ ticketId: number; message: TicketMessage }> {
  return transaction(async (tx) => {
    const ticket = await lockForWrite(tx, input.ticketId, input.userId);
    if (ticket.status === 'CLOSED') throw closedError(ticket.id);
    const now = new Date();
    const view = await writeMessage(tx, {
      ticketId: ticket.id,
      authorId: input.userId,
      body: input.body,
      internal: false,
      attachmentIds: input.attachmentIds,
      now,
    });
    await tx.ticket.update({
      where: { id: ticket.id },
      data: {
        status: 'AWAITING_SUPPORT',
        resolvedAt: null,
        lastMessageAt: now,
        // A clock already running (the first response still owed) keeps its due time.
        ...(ticket.slaStartedAt ? {} : startClock(ticket.priority, !ticket.firstRespondedAt, now)),
      },
    });
    await notifyAgents(tx, ticket, {
      kind: 'replied',
      body: input.body,
      author: view.author.name,
      messageId: view.id,
    });
    return { ticketId: ticket.id, message: view };
  });
}

function resolveData(ticket: LockedTicket, now: Date): Prisma.TicketUpdateInput {
  return {
    status: 'RESOLVED',
    resolvedAt: now,
    closedAt: null,
    resolutionCount: ticket.resolutionCount + 1,
    ...STOPPED_CLOCK,
  };
}

/**
 * A customer's status change: locks the ticket (following merges), refuses a closed one, lets
 * `change` write what it must, and answers the ticket as it is now.
 */
async function customerTransition(
  input: { userId: number; ticketId: number },
  change: (tx: Tx, ticket: LockedTicket, now: Date) => Promise<void>,
): Promise<CustomerTicket> {
  const id = await transaction(async (tx) => {
    const ticket = await lockForWrite(tx, input.ticketId, input.userId);
    if (ticket.status === 'CLOSED') throw closedError(ticket.id);
    await change(tx, ticket, new Date());
    return ticket.id;
  });
  return getTicket({ userId: input.userId, ticketId: id });
}

/** Resolving a resolved ticket changes nothing; a closed one is a conflict. */
export function resolveTicket(input: { userId: number; ticketId: number }) {
  return customerTransition(input, async (tx, ticket, now) => {
    if (ticket.status === 'RESOLVED') return;
    await tx.ticket.update({ where: { id: ticket.id }, data: resolveData(ticket, now) });
  });
}

/** A resolved ticket goes back to support; an unresolved one is left as it is. */
export function reopenTicket(input: { userId: number; ticketId: number }) {
  return customerTransition(input, async (tx, ticket, now) => {
    if (ticket.status !== 'RESOLVED') return;
    await tx.ticket.update({
      where: { id: ticket.id },
      data: {
        status: 'AWAITING_SUPPORT',
        resolvedAt: null,
        ...startClock(ticket.priority, !ticket.firstRespondedAt, now),
      },
    });
  });
}

/** Once for each resolution: a ticket reopened and resolved again may be rated again. */
export async function rateTicket(input: {
  userId: number;
  ticketId: number;
  rating: TicketRating;
  comment?: string;
}): Promise<CustomerTicket> {
  await transaction(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId);
    if (!ticket || ticket.userId !== input.userId) throw notFound('Ticket not found');
    if (ticket.resolutionCount === 0 || (ticket.status !== 'RESOLVED' && !ticket.closedAt)) {
      throw new AppError('CONFLICT', 'Only a resolved ticket can be rated');
    }
    if (ticket.ratedResolution === ticket.resolutionCount) {
      throw new AppError('CONFLICT', 'This resolution has been rated already');
    }
    await tx.ticket.update({
      where: { id: ticket.id },
      data: {
        rating: input.rating,
        ratingComment: input.comment ?? null,
        ratedResolution: ticket.resolutionCount,
      },
    });
  });
  return getTicket({ userId: input.userId, ticketId: input.ticketId });
}

// ---------------------------------------------------------------------------------------------
// Staff (callers check the permission first: lib/auth/permissions)

export type AssigneeFilter = 'me' | 'none' | number;

export interface QueueFilter {
  actorId: number;
  status?: TicketStatus;
  category?: TicketCategory;
  priority?: TicketPriority;
  assignee?: AssigneeFilter;
  q?: string;
  page: number;
  pageSize: number;
}

const staffSummarySelect = {
  ...summarySelect,
  slaDueAt: true,
  slaTargetMinutes: true,
  user: { select: { id: true, email: true, firstName: true, lastName: true } },
  assignee: { select: { id: true, firstName: true, lastName: true } },
} as const satisfies Prisma.TicketSelect;

type StaffSummaryRow = Prisma.TicketGetPayload<{ select: typeof staffSummarySelect }>;

function toStaffSummary(
  row: StaffSummaryRow,
  messageCount: number,
  now: Date,
  hours: BusinessHours | null,
) {
  const { user, assignee, slaDueAt, slaTargetMinutes, ...summary } = row;
  return {
    ...summary,
    customer: { id: user.id, email: user.email, name: `${user.firstName} ${user.lastName}` },
    assignee: assignee
      ? { id: assignee.id, name: `${assignee.firstName} ${assignee.lastName}` }
      : null,
    sla: {
      dueAt: slaDueAt,
      targetMinutes: slaTargetMinutes,
      state: slaState(slaDueAt, slaTargetMinutes, now, hours),
    },
    messageCount,
  };
}

/**
 * The agents' queue: every customer's tickets, the most urgent SLA first, then priority, then
 * age. `q` searches subjects, descriptions and messages with PostgreSQL's full-text search
 * (tickets_fts_idx, ticket_messages_fts_idx).
 */
export async function listQueue(filter: QueueFilter): Promise<Page<StaffTicketSummary>> {
  const where: Prisma.TicketWhereInput = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.priority ? { priority: filter.priority } : {}),
    ...(filter.assignee === 'me'
      ? { assigneeId: filter.actorId }
      : filter.assignee === 'none'
        ? { assigneeId: null }
        : typeof filter.assignee === 'number'
          ? { assigneeId: filter.assignee }
          : {}),
  };
  if (filter.q) {
    const ids = await searchTicketIds(filter.q);
    where.id = { in: ids };
  }
  const [rows, total] = await Promise.all([
    db.ticket.findMany({
      where,
      select: staffSummarySelect,
      orderBy: [
        { slaDueAt: { sort: 'asc', nulls: 'last' } },
        { priority: 'desc' },
        { createdAt: 'asc' },
        { id: 'asc' },
      ],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
    }),
    db.ticket.count({ where }),
  ]);
  const counts = await messageCounts(rows.map((r) => r.id));
  const now = new Date();
  const hours = slaSettings().hours;
  return pageOf(
    rows.map((r) => toStaffSummary(r, counts.get(r.id) ?? 0, now, hours)),
    total,
    filter.page,
    filter.pageSize,
  );
}

/**
 * Messages per ticket for one page of the queue, by the ticket index. (Prisma's `_count` joins
 * an aggregate over every message, which grew with the table: 0.7 s at 500,000 messages.)
 */
async function messageCounts(ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const groups = await db.ticketMessage.groupBy({
    by: ['ticketId'],
    where: { ticketId: { in: ids } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.ticketId, g._count._all]));
}

/** At most this many matches feed the queue's filter; a search is for finding, not listing. */
const SEARCH_LIMIT = 1000;

async function searchTicketIds(q: string): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM (
      SELECT t.id FROM tickets t
       WHERE to_tsvector('english', t.subject || ' ' || t.description)
             @@ websearch_to_tsquery('english', ${q})
      UNION
      SELECT m.ticket_id FROM ticket_messages m
       WHERE to_tsvector('english', m.body) @@ websearch_to_tsquery('english', ${q})
    ) found
    LIMIT ${SEARCH_LIMIT}`;
  return rows.map((r) => r.id);
}

export async function getStaffTicket(input: { ticketId: number }): Promise<StaffTicket> {
  const row = await db.ticket.findUnique({
    where: { id: input.ticketId },
    select: {
      ...staffSummarySelect,
      description: true,
      rating: true,
      ratingComment: true,
      messages: { select: messageSelect, orderBy: { id: 'asc' } },
    },
  });
  if (!row) throw notFound('Ticket not found');
  const { description, rating, ratingComment, messages, ...summary } = row;
  return {
    ...toStaffSummary(summary, messages.length, new Date(), slaSettings().hours),
    description,
    rating: ratingOf({ rating, ratingComment }),
    ...(await withAttachments(row.id, messages)),
    emails: await ticketDeliveries(row.id),
  };
}

/**
 * An agent's reply or internal note. A public reply answers the customer: the ticket awaits them
 * and the clock stops. A note changes nothing the customer can see.
 */
export async function addStaffMessage(input: {
  actorId: number;
  ticketId: number;
  body: string;
  internal: boolean;
  attachmentIds?: readonly number[];
}): Promise<{ ticketId: number; message: TicketMessage }> {
  return transaction(async (tx) => {
    const ticket = await lockForWrite(tx, input.ticketId);
    if (ticket.status === 'CLOSED' && !input.internal) throw closedError(ticket.id);
    const now = new Date();
    const message = await writeMessage(tx, {
      ticketId: ticket.id,
      authorId: input.actorId,
      body: input.body,
      internal: input.internal,
      attachmentIds: input.attachmentIds,
      now,
    });
    if (!input.internal) {
      await tx.ticket.update({
        where: { id: ticket.id },
        data: {
          status: 'AWAITING_CUSTOMER',
          resolvedAt: null,
          lastMessageAt: now,
          firstRespondedAt: ticket.firstRespondedAt ?? now,
          ...STOPPED_CLOCK,
        },
      });
      await notifyCustomer(tx, ticket, {
        kind: 'agent_reply',
        messageId: message.id,
        body: input.body,
        author: message.author.name,
      });
    } else {
      await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
    }
    return { ticketId: ticket.id, message };
  });
}

/** Status, priority and assignee, as an agent sets them. */
export async function updateTicket(input: {
  ticketId: number;
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: number | null;
}): Promise<StaffTicket> {
  if (input.assigneeId !== undefined && input.assigneeId !== null) {
    const agents = await listAgents();
    if (!agents.some((a) => a.id === input.assigneeId)) {
      throw invalid('VALIDATION_FAILED', 'assigneeId is not an active agent', [
        { field: 'assigneeId', message: 'is not an active agent' },
      ]);
    }
  }
  await transaction(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId);
    if (!ticket) throw notFound('Ticket not found');
    if (ticket.mergedIntoId) {
      throw new AppError('CONFLICT', 'This ticket was merged; change the one it was merged into');
    }
    const now = new Date();
    const data: Prisma.TicketUpdateInput = {};
    if (input.assigneeId !== undefined) {
      data.assignee = input.assigneeId
        ? { connect: { id: input.assigneeId } }
        : { disconnect: true };
    }
    const priority = input.priority ?? ticket.priority;
    if (input.priority) data.priority = input.priority;
    const status = input.status ?? ticket.status;
    if (input.status && input.status !== ticket.status) {
      if (status === 'RESOLVED') Object.assign(data, resolveData(ticket, now));
      else if (status === 'CLOSED')
        Object.assign(data, { status, closedAt: now, ...STOPPED_CLOCK });
      else if (status === 'AWAITING_CUSTOMER') Object.assign(data, { status, ...STOPPED_CLOCK });
      else {
        Object.assign(data, {
          status,
          resolvedAt: null,
          closedAt: null,
          ...(ticket.slaStartedAt ? {} : startClock(priority, !ticket.firstRespondedAt, now)),
        });
      }
    } else if (input.priority && input.priority !== ticket.priority && ticket.slaStartedAt) {
      // A running clock is measured against the new priority's target, from when it started.
      const sla = slaSettings();
      const minutes = (ticket.firstRespondedAt ? sla.next : sla.first)[priority];
      data.slaDueAt = addBusinessMinutes(ticket.slaStartedAt, minutes, sla.hours);
      data.slaTargetMinutes = minutes;
    }
    await tx.ticket.update({ where: { id: ticket.id }, data });
    if (status === 'RESOLVED' && ticket.status !== 'RESOLVED') {
      await notifyCustomer(tx, ticket, { kind: 'resolved' });
    }
  });
  return getStaffTicket({ ticketId: input.ticketId });
}

/**
 * Merges `sourceId` into `targetId` (the same customer's): the source's messages move, internal
 * flags kept, the source closes and points at the target, so later replies to it land there.
 */
export async function mergeTickets(input: {
  sourceId: number;
  targetId: number;
}): Promise<StaffTicket> {
  if (input.sourceId === input.targetId) {
    throw invalid('VALIDATION_FAILED', 'A ticket cannot be merged into itself', [
      { field: 'targetId', message: 'must be another ticket' },
    ]);
  }
  await transaction(async (tx) => {
    // Lock in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [input.sourceId, input.targetId].sort((a, b) => a - b) as [
      number,
      number,
    ];
    const a = await lockTicket(tx, first);
    const b = await lockTicket(tx, second);
    const source = a?.id === input.sourceId ? a : b;
    const target = a?.id === input.targetId ? a : b;
    if (!source || !target) throw notFound('Ticket not found');
    if (source.userId !== target.userId) {
      throw invalid('VALIDATION_FAILED', "Only the same customer's tickets can be merged", [
        { field: 'targetId', message: "is another customer's ticket" },
      ]);
    }
    if (source.mergedIntoId || target.mergedIntoId) {
      throw new AppError('CONFLICT', 'One of these tickets was merged already');
    }
    const now = new Date();
    await tx.ticketMessage.updateMany({
      where: { ticketId: source.id },
      data: { ticketId: target.id },
    });
    await moveAttachments(tx, source.id, target.id);
    await tx.ticket.update({
      where: { id: source.id },
      data: { status: 'CLOSED', closedAt: now, mergedIntoId: target.id, ...STOPPED_CLOCK },
    });
    // The source's customer was waiting for support: so is the survivor now.
    const waiting = source.status === 'OPEN' || source.status === 'AWAITING_SUPPORT';
    const wakes = waiting && target.status !== 'CLOSED' && target.status !== 'AWAITING_SUPPORT';
    await tx.ticket.update({
      where: { id: target.id },
      data: {
        lastMessageAt: now,
        ...(wakes
          ? {
              status: 'AWAITING_SUPPORT',
              resolvedAt: null,
              ...(target.slaStartedAt
                ? {}
                : startClock(target.priority, !target.firstRespondedAt, now)),
            }
          : {}),
      },
    });
  });
  return getStaffTicket({ ticketId: input.targetId });
}

/** Active support agents and administrators: who a ticket can be assigned to. */
export function listAgents() {
  return listUsersWithRoles(rolesWith('REPLY_TICKETS'));
}

/** Closes tickets resolved more than SUPPORT_AUTO_CLOSE_DAYS ago; returns how many. */
export async function closeResolvedTickets(now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - getEnv().SUPPORT_AUTO_CLOSE_DAYS * 86_400_000);
  const result = await db.ticket.updateMany({
    where: { status: 'RESOLVED', resolvedAt: { lt: cutoff } },
    data: { status: 'CLOSED', closedAt: now },
  });
  return result.count;
}

/** What inbound mail needs to route a reply: whose ticket it is, and whether it still takes one. */
export async function ticketForInbound(id: number): Promise<{
  id: number;
  userId: number;
  subject: string;
  status: TicketStatus;
  closedAt: Date | null;
} | null> {
  return db.ticket.findUnique({
    where: { id },
    select: { id: true, userId: true, subject: true, status: true, closedAt: true },
  });
}
