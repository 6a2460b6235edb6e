import { z } from 'zod';
import { idParam } from './contracts';
import { prefixedIdParam } from './ids';
import { paginationQuery } from './pagination';

/**
 * The support feature's schemas: the /api/v1 and /api/staff bodies and queries, the OpenAPI
 * document and the portal's forms. Values are written as the wire writes them (`awaiting_support`);
 * the domain speaks the database's enums (`AWAITING_SUPPORT`).
 */
export const TICKET_CATEGORIES = ['technical', 'billing', 'account', 'other'] as const;
export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const TICKET_STATUSES = [
  'open',
  'awaiting_support',
  'awaiting_customer',
  'resolved',
  'closed',
] as const;
export const TICKET_RATINGS = ['good', 'bad'] as const;

export type TicketCategoryName = (typeof TICKET_CATEGORIES)[number];
export type TicketPriorityName = (typeof TICKET_PRIORITIES)[number];
export type TicketStatusName = (typeof TICKET_STATUSES)[number];

export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;
export const RATING_COMMENT_MAX = 2_000;

/**
 * Plain text a person typed: trimmed, never empty, within `max`. NUL is refused (PostgreSQL's text
 * cannot hold it); everything else, HTML included, is kept as typed and escaped where shown.
 */
export function plainText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max.toLocaleString('en-US')} characters`)
    .refine((s) => !s.includes('\u0000'), `${field} must not contain NUL characters`);
}

const category = z.enum(TICKET_CATEGORIES, {
  error: `category must be one of ${TICKET_CATEGORIES.join(', ')}`,
});
const priority = z.enum(TICKET_PRIORITIES, {
  error: `priority must be one of ${TICKET_PRIORITIES.join(', ')}`,
});
const status = z.enum(TICKET_STATUSES, {
  error: `status must be one of ${TICKET_STATUSES.join(', ')}`,
});

export const ticketIdParam = prefixedIdParam('ticket', 'ticket_42');
export const ticketIdParams = z.object({ id: ticketIdParam });

/** Attachments a message or a new ticket sends: ids of the sender's own uploads, at most 5. */
export const ATTACHMENTS_MAX = 5;
/** 10 MiB a file. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export interface AllowedType {
  label: string;
  extensions: readonly string[];
  /** Raster images are shown in the thread; everything else downloads. */
  inline: boolean;
}

/**
 * The attachment allow-list, by the type sniffed from the content: raster images, PDF,
 * plain-text logs and zip archives. A file's name must end in one of its type's extensions.
 */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = {
  'image/png': { label: 'PNG image', extensions: ['png'], inline: true },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'], inline: true },
  'image/gif': { label: 'GIF image', extensions: ['gif'], inline: true },
  'image/webp': { label: 'WebP image', extensions: ['webp'], inline: true },
  'application/pdf': { label: 'PDF document', extensions: ['pdf'], inline: false },
  'text/plain': { label: 'plain-text file', extensions: ['txt', 'log'], inline: false },
  'application/zip': { label: 'zip archive', extensions: ['zip'], inline: false },
};

/** What the file inputs accept, and what the API document lists. */
export const ACCEPTED_EXTENSIONS = Object.values(ALLOWED_TYPES).flatMap((t) => t.extensions);
const attachmentIdList = z
  .array(prefixedIdParam('attachment', 'attachment_7'), {
    error: 'attachmentIds must be a list of attachment ids',
  })
  .max(ATTACHMENTS_MAX, `attachmentIds must list at most ${ATTACHMENTS_MAX} attachments`);
const attachmentIds = attachmentIdList.optional().meta({
  description: `Up to ${ATTACHMENTS_MAX} of your uploads (POST .../attachments) to send with it, each once`,
});

/** The same list in a portal form: one hidden field, comma-separated. */
const attachmentIdsField = z
  .string()
  .max(300)
  .default('')
  .transform((v) => v.split(',').filter(Boolean))
  .pipe(attachmentIdList);

/** POST /api/v1/support/tickets: document 2's body, and optionally what the ticket is about. */
export const createTicketSchema = z
  .object({
    subject: plainText('subject', SUBJECT_MAX),
    description: plainText('description', BODY_MAX),
    category,
    priority: priority.default('medium'),
    contractId: z
      .number({ error: 'contractId must be a contract id (an integer)' })
      .int('contractId must be a contract id (an integer)')
      .min(1, 'contractId must be a contract id (an integer)')
      .max(2_147_483_647, 'contractId is out of range')
      .optional()
      .meta({
        description: "One of the customer's contracts (its integer id); another's is a 404",
      }),
    purchaseId: prefixedIdParam('purchase', 'purchase_123')
      .optional()
      .meta({ description: "One of the customer's purchases; another's is a 404" }),
    followUpOf: ticketIdParam
      .optional()
      .meta({ description: 'The closed ticket this one follows up (`ticket_41`)' }),
    attachmentIds,
  })
  .strict()
  .meta({ id: 'CreateTicket' });

/** The portal's "new ticket" form: the same fields, the reference as one select. */
export const createTicketFormSchema = z.object({
  subject: plainText('subject', SUBJECT_MAX),
  description: plainText('description', BODY_MAX),
  category,
  priority,
  /** The select's value, `contract:12` or `purchase_3` (or nothing), as the ids it names. */
  reference: z
    .string()
    .regex(/^(|contract:[1-9][0-9]{0,9}|purchase_[1-9][0-9]{0,9})$/, 'is not one of yours')
    .default('')
    .transform((value): { contractId?: number; purchaseId?: number } =>
      value.startsWith('contract:')
        ? { contractId: Number(value.slice('contract:'.length)) }
        : value.startsWith('purchase_')
          ? { purchaseId: Number(value.slice('purchase_'.length)) }
          : {},
    ),
  followUpOf: ticketIdParam.optional().or(z.literal('').transform(() => undefined)),
  attachmentIds: attachmentIdsField,
});

/** POST /api/v1/support/tickets/{id}/messages. */
export const addMessageSchema = z
  .object({ body: plainText('body', BODY_MAX), attachmentIds })
  .strict()
  .meta({ id: 'AddTicketMessage' });

/** POST /api/v1/support/tickets/{id}/rating: once for each resolution. */
export const rateTicketSchema = z
  .object({
    rating: z.enum(TICKET_RATINGS, { error: 'rating must be good or bad' }),
    comment: plainText('comment', RATING_COMMENT_MAX).optional(),
  })
  .strict()
  .meta({ id: 'RateTicket' });

/** GET /api/v1/support/tickets. */
export const ticketsQuery = z
  .object({
    status: status.optional().meta({ description: 'Only tickets with this status' }),
    ...paginationQuery,
  })
  .strict();

/** `assignee` in the staff queue: `me`, `none`, or an agent's user id. */
const assigneeFilter = z
  .union([z.enum(['me', 'none']), idParam])
  .meta({ description: '`me`, `none` (unassigned) or an agent id' });

/** GET /api/staff/tickets: the agents' queue. */
export const staffQueueQuery = z
  .object({
    status: status.optional(),
    category: category.optional(),
    priority: priority.optional(),
    assignee: assigneeFilter.optional(),
    q: z
      .string()
      .trim()
      .max(200, 'q must be at most 200 characters')
      .refine((s) => !s.includes('\u0000'), 'q must not contain NUL characters')
      .optional()
      .meta({ description: 'Words to find in subjects, descriptions and messages' }),
    ...paginationQuery,
  })
  .strict();

/** POST /api/staff/tickets/{id}/messages. */
export const staffMessageSchema = z
  .object({
    body: plainText('body', BODY_MAX),
    internal: z.boolean({ error: 'internal must be true or false' }),
    attachmentIds,
  })
  .strict()
  .meta({ id: 'StaffTicketMessage' });

/** POST /api/staff/tickets/{id}/merge: the ticket that survives. */
export const mergeTicketSchema = z
  .object({ targetId: ticketIdParam })
  .strict()
  .meta({ id: 'MergeTicket' });

/** PATCH /api/staff/tickets/{id}. */
export const staffUpdateSchema = z
  .object({
    status: status.optional(),
    priority: priority.optional(),
    assigneeId: z
      .number({ error: 'assigneeId must be an agent id or null' })
      .int()
      .min(1)
      .max(2_147_483_647)
      .nullable()
      .optional(),
  })
  .strict()
  .refine(
    (v) => v.status !== undefined || v.priority !== undefined || v.assigneeId !== undefined,
    'Send at least one of status, priority and assigneeId',
  )
  .meta({ id: 'StaffTicketUpdate' });

/** The portal's reply box and staff reply box (`internal` is a checkbox: "on" or absent). */
export const replyFormSchema = z.object({
  ticketId: ticketIdParam,
  body: plainText('body', BODY_MAX),
  attachmentIds: attachmentIdsField,
  internal: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});

/** Buttons that post nothing but the ticket (resolve, reopen). */
export const ticketFormSchema = z.object({ ticketId: ticketIdParam });

export const rateFormSchema = z.object({
  ticketId: ticketIdParam,
  rating: z.enum(TICKET_RATINGS, { error: 'Choose good or bad' }),
  comment: z
    .literal('')
    .transform(() => undefined)
    .or(plainText('comment', RATING_COMMENT_MAX))
    .optional(),
});

/** The staff ticket page's "merge" form. */
export const mergeFormSchema = z.object({ ticketId: ticketIdParam, targetId: ticketIdParam });

/** The staff ticket page's "update" form. */
export const staffUpdateFormSchema = z.object({
  ticketId: ticketIdParam,
  status,
  priority,
  assigneeId: z
    .string()
    .regex(/^(|[1-9][0-9]{0,9})$/, 'is not an agent')
    .transform((v) => (v === '' ? null : Number(v))),
});

/** The customer's "e-mail me about my tickets" checkbox ("on" or absent). */
export const supportEmailsFormSchema = z.object({
  enabled: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});
