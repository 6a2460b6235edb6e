import { z } from 'zod';
import { isoSeconds } from '@/lib/format';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { endpointGroup } from '@/lib/http/endpoint-group';
import { purchaseId } from '@/lib/payments/views';
import type {
  CustomerTicket,
  QueueFilter,
  StaffTicket,
  StaffTicketSummary,
  TicketMessage,
  TicketSummary,
} from '@/lib/support/tickets';
import { ticketId } from '@/lib/support/tickets';
import { attachmentId, attachmentLink, type AttachmentMeta } from '@/lib/support/attachments';
import {
  ACCEPTED_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  addMessageSchema,
  createTicketSchema,
  rateTicketSchema,
  staffMessageSchema,
  staffQueueQuery,
  staffUpdateSchema,
  mergeTicketSchema,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_RATINGS,
  TICKET_STATUSES,
  ticketIdParams,
  ticketsQuery,
} from '@/lib/validations/support';
import {
  lower,
  upper,
  PAGINATION_NOTE,
  pageSchema,
  v1ErrorSchema,
  v1Errors,
  v1Ok,
  v1Success,
} from './envelope';

/**
 * Support tickets on /api/v1 (document 2's "Customer Support") and the agents' API on /api/staff
 * (document 2's internal operations API): specs and presenters. camelCase fields, prefixed ids
 * (`ticket_42`, `message_7`), timestamps ISO 8601 UTC to the second, as the rest of document 2.
 */

const timestamp = (description: string) =>
  z.string().meta({ description: `${description}; ISO 8601 UTC, whole seconds` });

const ticketSummaryShape = {
  id: z.string().meta({ example: 'ticket_42' }),
  subject: z.string(),
  category: z.enum(TICKET_CATEGORIES),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES).meta({
    description:
      'open (new) → awaiting_customer (support answered) ⇄ awaiting_support (the customer answered) → resolved → closed (by itself after SUPPORT_AUTO_CLOSE_DAYS, 7 by default). A closed ticket takes no replies.',
  }),
  contractId: z.number().int().nullable().meta({ description: 'The contract it is about' }),
  purchaseId: z.string().nullable().meta({ description: 'The purchase it is about' }),
  followUpOf: z.string().nullable().meta({ description: 'The closed ticket it follows up' }),
  mergedInto: z
    .string()
    .nullable()
    .meta({ description: 'Merged into this ticket: its messages and replies are there' }),
  createdAt: timestamp('Opened'),
  updatedAt: timestamp('Last changed'),
  lastMessageAt: timestamp('Last public message'),
  resolvedAt: timestamp('Resolved; null unless resolved').nullable(),
  closedAt: timestamp('Closed; null unless closed').nullable(),
};

export const ticketSummarySchema = z.object(ticketSummaryShape).meta({ id: 'TicketSummary' });

export const attachmentSchema = z
  .object({
    id: z.string().meta({ example: 'attachment_7' }),
    fileName: z.string(),
    contentType: z.string().meta({
      description:
        'As sniffed from the content: image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain or application/zip',
    }),
    size: z.number().int().meta({ description: 'Bytes' }),
    url: z.string().meta({
      description:
        'A signed link for the caller alone, valid ATTACHMENT_URL_TTL_SECONDS (5 minutes by default); fetch the ticket again for a fresh one',
    }),
    urlExpiresAt: timestamp('When `url` stops working'),
  })
  .meta({ id: 'TicketAttachment' });

const attachments = (description: string) => z.array(attachmentSchema).meta({ description });

export const ticketMessageSchema = z
  .object({
    id: z.string().meta({ example: 'message_7' }),
    ticketId: z.string().meta({ example: 'ticket_42' }),
    body: z.string().meta({ description: 'Plain text; show it escaped, line breaks kept' }),
    author: z.object({
      name: z.string(),
      role: z.enum(['customer', 'agent']),
    }),
    attachments: attachments('Files sent with the message'),
    createdAt: timestamp('Sent'),
  })
  .meta({ id: 'TicketMessage' });

const ratingSchema = z
  .object({ rating: z.enum(TICKET_RATINGS), comment: z.string().nullable() })
  .meta({ id: 'TicketRating' });

export const ticketSchema = z
  .object({
    ...ticketSummaryShape,
    description: z.string(),
    attachments: attachments('Files sent with the description'),
    messages: z.array(ticketMessageSchema).meta({ description: 'Oldest first' }),
    rating: ratingSchema.nullable(),
    canRate: z.boolean().meta({ description: 'Resolved, and this resolution not rated yet' }),
  })
  .meta({ id: 'Ticket' });

const staffMessageView = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    body: z.string(),
    internal: z.boolean().meta({ description: "An agent's note; never shown to the customer" }),
    author: z.object({
      id: z.number().int(),
      name: z.string(),
      role: z.enum(['customer', 'agent']),
    }),
    attachments: attachments('Files sent with the message or note'),
    createdAt: timestamp('Sent'),
  })
  .meta({ id: 'StaffTicketMessage' });

const staffSummaryShape = {
  ...ticketSummaryShape,
  customer: z.object({ id: z.number().int(), email: z.string(), name: z.string() }),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  sla: z.object({
    dueAt: timestamp('When the next answer is due; null while the clock is stopped').nullable(),
    targetMinutes: z.number().int().nullable(),
    state: z.enum(['ok', 'due_soon', 'breached']).nullable().meta({
      description: 'due_soon: under a quarter of the target left; null: clock stopped',
    }),
  }),
  messageCount: z.number().int().meta({ description: 'Internal notes included' }),
};

export const staffTicketSummarySchema = z
  .object(staffSummaryShape)
  .meta({ id: 'StaffTicketSummary' });

const emailSchema = z
  .object({
    id: z.number().int(),
    to: z.string(),
    kind: z.string().meta({ example: 'ticket_agent_reply' }),
    status: z.enum(['queued', 'sent', 'failed', 'bounced']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    messageId: z.string().nullable().meta({ description: 'The ticket message it announces' }),
    createdAt: timestamp('Queued'),
    sentAt: timestamp('Delivered to the SMTP server').nullable(),
  })
  .meta({ id: 'TicketEmail' });

export const staffTicketSchema = z
  .object({
    ...staffSummaryShape,
    description: z.string(),
    attachments: attachments('Files sent with the description'),
    messages: z.array(staffMessageView).meta({ description: 'Oldest first, notes included' }),
    rating: ratingSchema.nullable(),
    emails: z
      .array(emailSchema)
      .meta({ description: 'Every e-mail about the ticket, oldest first' }),
  })
  .meta({ id: 'StaffTicket' });

export const messageId = (id: number) => `message_${id}`;

export function presentTicketSummary(t: TicketSummary) {
  return {
    id: ticketId(t.id),
    subject: t.subject,
    category: lower(t.category),
    priority: lower(t.priority),
    status: lower(t.status),
    contractId: t.contractId,
    purchaseId: t.purchaseId === null ? null : purchaseId(t.purchaseId),
    followUpOf: t.followUpOfId === null ? null : ticketId(t.followUpOfId),
    mergedInto: t.mergedIntoId === null ? null : ticketId(t.mergedIntoId),
    createdAt: isoSeconds(t.createdAt),
    updatedAt: isoSeconds(t.updatedAt),
    lastMessageAt: isoSeconds(t.lastMessageAt),
    resolvedAt: isoSeconds(t.resolvedAt),
    closedAt: isoSeconds(t.closedAt),
  };
}

/** The queue's filters as the wire writes them (`awaiting_support`), as the domain takes them. */
export function queueFilter(
  query: z.output<typeof staffQueueQuery>,
  caller: { actorId: number; pageSize: number },
): QueueFilter {
  return {
    ...caller,
    status: query.status ? upper(query.status) : undefined,
    category: query.category ? upper(query.category) : undefined,
    priority: query.priority ? upper(query.priority) : undefined,
    assignee: query.assignee,
    q: query.q || undefined,
    page: query.page,
  };
}

/** An attachment, with a link signed for `viewerId` alone. */
export function presentAttachment(a: AttachmentMeta, viewerId: number) {
  const link = attachmentLink(a.id, viewerId);
  return {
    id: attachmentId(a.id),
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    url: link.url,
    urlExpiresAt: isoSeconds(link.expiresAt),
  };
}

/** An upload, answered with a link for its uploader. */
export function presentUpload(a: AttachmentMeta, viewerId: number) {
  return { status: 201, body: v1Ok('Uploaded', presentAttachment(a, viewerId)) };
}

const presentAttachments = (list: AttachmentMeta[], viewerId: number) =>
  list.map((a) => presentAttachment(a, viewerId));

/** A message as the customer sees it: no `internal` flag, no author id. */
export function presentMessage(ticket: number, m: TicketMessage, viewerId: number) {
  return {
    id: messageId(m.id),
    ticketId: ticketId(ticket),
    body: m.body,
    author: {
      name: m.author.name,
      role: m.author.staff ? ('agent' as const) : ('customer' as const),
    },
    attachments: presentAttachments(m.attachments, viewerId),
    createdAt: isoSeconds(m.createdAt),
  };
}

export function presentTicket(t: CustomerTicket, viewerId: number) {
  return {
    ...presentTicketSummary(t),
    description: t.description,
    attachments: presentAttachments(t.attachments, viewerId),
    messages: t.messages.map((m) => presentMessage(t.id, m, viewerId)),
    rating: t.rating ? { rating: lower(t.rating.rating), comment: t.rating.comment } : null,
    canRate: t.canRate,
  };
}

export function presentStaffMessage(ticket: number, m: TicketMessage, viewerId: number) {
  return {
    id: messageId(m.id),
    ticketId: ticketId(ticket),
    body: m.body,
    internal: m.internal,
    author: {
      id: m.author.id,
      name: m.author.name,
      role: m.author.staff ? ('agent' as const) : ('customer' as const),
    },
    attachments: presentAttachments(m.attachments, viewerId),
    createdAt: isoSeconds(m.createdAt),
  };
}

export function presentStaffTicketSummary(t: StaffTicketSummary) {
  return {
    ...presentTicketSummary(t),
    customer: t.customer,
    assignee: t.assignee,
    sla: {
      dueAt: isoSeconds(t.sla.dueAt),
      targetMinutes: t.sla.targetMinutes,
      state: t.sla.state,
    },
    messageCount: t.messageCount,
  };
}

export function presentStaffTicket(t: StaffTicket, viewerId: number) {
  return {
    ...presentStaffTicketSummary(t),
    description: t.description,
    attachments: presentAttachments(t.attachments, viewerId),
    messages: t.messages.map((m) => presentStaffMessage(t.id, m, viewerId)),
    rating: t.rating ? { rating: lower(t.rating.rating), comment: t.rating.comment } : null,
    emails: t.emails.map((e) => ({
      id: e.id,
      to: e.to,
      kind: e.kind,
      status: lower(e.status),
      attempts: e.attempts,
      lastError: e.lastError,
      messageId: e.ticketMessageId === null ? null : messageId(e.ticketMessageId),
      createdAt: isoSeconds(e.createdAt),
      sentAt: isoSeconds(e.sentAt),
    })),
  };
}

const { 400: e400, 404: e404, 413: e413 } = v1Errors;
const notRatable = { description: 'Not resolved, or rated already', schema: v1ErrorSchema };
const e409 = {
  description:
    '`TICKET_CLOSED`: the ticket is closed; `link` points at the form for a follow-up ticket',
  schema: v1ErrorSchema,
};
const define = endpointGroup('v1', ['Support (v1)']);
const defineStaff = endpointGroup('staff', ['Support (staff)']);
/** What every staff operation on one ticket may answer besides its success. */
const staffTicketErrors = { 400: e400, 404: e404 };

export const v1ListTickets = define({
  operationId: 'v1ListTickets',
  method: 'GET',
  path: '/api/v1/support/tickets',
  summary: "The customer's support tickets",
  description: `Latest activity first; \`status\` filters.${PAGINATION_NOTE}`,
  query: ticketsQuery,
  responses: {
    200: { description: 'Tickets', schema: v1Success(pageSchema(ticketSummarySchema)) },
    400: e400,
  },
});

export const v1CreateTicket = define({
  operationId: 'v1CreateTicket',
  method: 'POST',
  path: '/api/v1/support/tickets',
  summary: 'Open a support ticket',
  description:
    'Document 2\'s body: `{"subject", "description", "category", "priority"}`; `priority` defaults to medium. Optionally `contractId`, `purchaseId` (the customer\'s own: another\'s is a 404) and `followUpOf` (a closed ticket). Subjects are at most 200 characters, descriptions 20,000; both are plain text. Unknown fields are refused. 30 writes a minute per customer.',
  body: createTicketSchema,
  rateLimit: 'support-write',
  fieldNames: { followUpOfId: 'followUpOf' },
  responses: {
    201: { description: 'Opened', schema: v1Success(ticketSchema) },
    400: e400,
    404: {
      description: 'The contract, purchase or ticket named is not yours',
      schema: v1ErrorSchema,
    },
    413: e413,
  },
});

export const v1GetTicket = define({
  operationId: 'v1GetTicket',
  method: 'GET',
  path: '/api/v1/support/tickets/{id}',
  summary: 'A ticket with its messages',
  description: "Messages oldest first. Another customer's ticket is a 404.",
  params: ticketIdParams,
  ownedResource: 'ticket',
  responses: {
    200: { description: 'Ticket', schema: v1Success(ticketSchema) },
    400: e400,
    404: e404,
  },
});

export const v1AddTicketMessage = define({
  operationId: 'v1AddTicketMessage',
  method: 'POST',
  path: '/api/v1/support/tickets/{id}/messages',
  summary: 'Reply to a ticket',
  description:
    '`{"body"}`, plain text of 1 to 20,000 characters. The ticket then awaits support, and a resolved one reopens. A closed ticket answers 409 `TICKET_CLOSED` with a `link` to open a follow-up. A reply to a merged ticket lands in the ticket it was merged into (`ticketId` says which).',
  params: ticketIdParams,
  body: addMessageSchema,
  rateLimit: 'support-write',
  ownedResource: 'ticket',
  responses: {
    201: { description: 'Added', schema: v1Success(ticketMessageSchema) },
    400: e400,
    404: e404,
    409: e409,
    413: e413,
  },
});

const transition = (action: 'resolve' | 'reopen', description: string) =>
  define({
    operationId: action === 'resolve' ? 'v1ResolveTicket' : 'v1ReopenTicket',
    method: 'POST',
    path: `/api/v1/support/tickets/{id}/${action}`,
    summary: action === 'resolve' ? 'Mark a ticket resolved' : 'Reopen a resolved ticket',
    description: `${description} Send no body. A closed ticket answers 409 \`TICKET_CLOSED\`.`,
    params: ticketIdParams,
    ownedResource: 'ticket',
    responses: {
      200: { description: 'The ticket as it is now', schema: v1Success(ticketSchema) },
      400: e400,
      404: e404,
      409: e409,
    },
  });

export const v1ResolveTicket = transition(
  'resolve',
  'Idempotent: resolving a resolved ticket changes nothing.',
);
export const v1ReopenTicket = transition(
  'reopen',
  'A resolved ticket awaits support again; any other open ticket is left as it is.',
);

export const v1RateTicket = define({
  operationId: 'v1RateTicket',
  method: 'POST',
  path: '/api/v1/support/tickets/{id}/rating',
  summary: 'Rate how a ticket was resolved',
  description:
    '`{"rating": "good" | "bad", "comment"?}`, once for each resolution (a ticket reopened and resolved again may be rated again). 409 `CONFLICT` when the ticket is not resolved or this resolution was rated.',
  params: ticketIdParams,
  body: rateTicketSchema,
  ownedResource: 'ticket',
  responses: {
    201: { description: 'Rated: the ticket as it is now', schema: v1Success(ticketSchema) },
    400: e400,
    404: e404,
    409: notRatable,
  },
});

export const staffListTickets = defineStaff({
  operationId: 'staffListTickets',
  method: 'GET',
  path: '/api/staff/tickets',
  summary: "The agents' queue: every customer's tickets",
  description: `Sorted by SLA due time (running clocks first), then priority, then age. Filters: \`status\`, \`category\`, \`priority\`, \`assignee\` (\`me\`, \`none\` or an agent id) and \`q\` (full-text search over subjects, descriptions and messages, notes included). Needs a support agent or administrator: an /api/v1 bearer token or a staff browser session.${PAGINATION_NOTE}`,
  permission: 'VIEW_ALL_TICKETS',
  query: staffQueueQuery,
  responses: {
    200: { description: 'Queue', schema: v1Success(pageSchema(staffTicketSummarySchema)) },
    400: e400,
  },
});

export const staffGetTicket = defineStaff({
  operationId: 'staffGetTicket',
  method: 'GET',
  path: '/api/staff/tickets/{id}',
  summary: 'A ticket with every message, internal notes included',
  permission: 'VIEW_ALL_TICKETS',
  params: ticketIdParams,
  staffResource: 'ticket',
  responses: {
    200: { description: 'Ticket', schema: v1Success(staffTicketSchema) },
    ...staffTicketErrors,
  },
});

export const staffAddTicketMessage = defineStaff({
  operationId: 'staffAddTicketMessage',
  method: 'POST',
  path: '/api/staff/tickets/{id}/messages',
  summary: 'Reply to the customer, or add an internal note',
  description:
    '`{"body", "internal"}`. A public reply (`internal: false`) makes the ticket await the customer and stops the SLA clock; a note changes nothing the customer sees. A closed ticket takes notes only.',
  permission: 'REPLY_TICKETS',
  params: ticketIdParams,
  body: staffMessageSchema,
  staffResource: 'ticket',
  responses: {
    201: { description: 'Added', schema: v1Success(staffMessageView) },
    ...staffTicketErrors,
    409: e409,
    413: e413,
  },
});

export const staffUpdateTicket = defineStaff({
  operationId: 'staffUpdateTicket',
  method: 'PATCH',
  path: '/api/staff/tickets/{id}',
  summary: 'Change status, priority or assignee',
  description:
    '`{"status"?, "priority"?, "assigneeId"?}`; `assigneeId: null` unassigns. A priority change measures a running SLA clock against the new target.',
  permission: 'REPLY_TICKETS',
  params: ticketIdParams,
  body: staffUpdateSchema,
  staffResource: 'ticket',
  responses: {
    200: { description: 'The ticket as it is now', schema: v1Success(staffTicketSchema) },
    ...staffTicketErrors,
    409: { description: 'The ticket was merged into another', schema: v1ErrorSchema },
  },
});

export const staffMergeTicket = defineStaff({
  operationId: 'staffMergeTicket',
  method: 'POST',
  path: '/api/staff/tickets/{id}/merge',
  summary: 'Merge this ticket into another of the same customer',
  description:
    '`{"targetId": "ticket_41"}`. Messages move with their internal flags; this ticket closes and points at the target, and replies to it land there. Answers the surviving ticket.',
  permission: 'REPLY_TICKETS',
  params: ticketIdParams,
  body: mergeTicketSchema,
  staffResource: 'ticket',
  responses: {
    200: { description: 'The surviving ticket', schema: v1Success(staffTicketSchema) },
    ...staffTicketErrors,
    409: { description: 'One of the tickets was merged already', schema: v1ErrorSchema },
  },
});

const uploadSchema = z
  .object({ id: z.string().meta({ example: 'attachment_7' }) })
  .extend(attachmentSchema.omit({ id: true }).shape)
  .meta({ id: 'UploadedAttachment' });

const uploadDescription = (where: string) =>
  `One file as \`multipart/form-data\` in the field \`file\`, at most 10 MiB (${ATTACHMENT_MAX_BYTES.toLocaleString('en-US')} bytes); ${where} Its type is read from its content, never from the name or the part's Content-Type, and must be an image (PNG, JPEG, GIF, WebP), a PDF, a plain-text file or a zip archive, named with a matching extension (${ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}); anything else is a 415 \`ATTACHMENT_TYPE_NOT_ALLOWED\` that says what the content is. The answer's \`id\` goes in \`attachmentIds\` (up to 5 a message); an upload not sent within a day is deleted, and at most 20 may wait at once (409 \`UPLOAD_LIMIT_REACHED\`). With the browser's session cookie, the request must come from the portal's own origin (403 \`CROSS_SITE_REQUEST\`). 20 uploads a minute per account.`;

const uploadErrors = {
  400: { description: 'Not one file in the field `file`, or an empty file', schema: v1ErrorSchema },
  403: {
    description: '`CROSS_SITE_REQUEST`: a cookie-authenticated upload from another origin',
    schema: v1ErrorSchema,
  },
  409: {
    description: '`UPLOAD_LIMIT_REACHED`: 20 uploads are waiting to be sent',
    schema: v1ErrorSchema,
  },
  413: { description: '`ATTACHMENT_TOO_LARGE`: over 10 MiB', schema: v1ErrorSchema },
  415: {
    description:
      '`ATTACHMENT_TYPE_NOT_ALLOWED`: the content is not an allowed type, or does not match the name; `UNSUPPORTED_MEDIA_TYPE`: not multipart/form-data',
    schema: v1ErrorSchema,
  },
};

export const v1UploadAttachment = define({
  operationId: 'v1UploadAttachment',
  method: 'POST',
  path: '/api/v1/support/attachments',
  summary: 'Upload a file for a new ticket',
  description: uploadDescription(
    'for the ticket you are about to open: list its `id` in `attachmentIds` of POST /api/v1/support/tickets.',
  ),
  upload: { maxFileBytes: ATTACHMENT_MAX_BYTES },
  rateLimit: 'support-upload',
  responses: {
    201: { description: 'Stored, waiting to be sent', schema: v1Success(uploadSchema) },
    ...uploadErrors,
  },
});

export const v1UploadTicketAttachment = define({
  operationId: 'v1UploadTicketAttachment',
  method: 'POST',
  path: '/api/v1/support/tickets/{id}/attachments',
  summary: 'Upload a file for a reply',
  description: uploadDescription(
    "for a reply to this ticket: list its `id` in `attachmentIds` of POST .../messages. Another customer's ticket is a 404; a closed one a 409 `TICKET_CLOSED`.",
  ),
  params: ticketIdParams,
  upload: { maxFileBytes: ATTACHMENT_MAX_BYTES },
  rateLimit: 'support-upload',
  ownedResource: 'ticket',
  responses: {
    201: { description: 'Stored, waiting to be sent', schema: v1Success(uploadSchema) },
    ...uploadErrors,
    404: e404,
    409: {
      description: '`TICKET_CLOSED`, or `UPLOAD_LIMIT_REACHED`: 20 uploads are waiting to be sent',
      schema: v1ErrorSchema,
    },
  },
});

export const staffUploadTicketAttachment = defineStaff({
  operationId: 'staffUploadTicketAttachment',
  method: 'POST',
  path: '/api/staff/tickets/{id}/attachments',
  summary: 'Upload a file for a reply or a note',
  description: uploadDescription(
    'list its `id` in `attachmentIds` of POST /api/staff/tickets/{id}/messages. A file sent with an internal note is never shown to the customer.',
  ),
  permission: 'REPLY_TICKETS',
  params: ticketIdParams,
  upload: { maxFileBytes: ATTACHMENT_MAX_BYTES },
  rateLimit: 'support-upload',
  staffResource: 'ticket',
  responses: {
    201: { description: 'Stored, waiting to be sent', schema: v1Success(uploadSchema) },
    ...uploadErrors,
    404: e404,
  },
});

export const supportEndpoints: EndpointSpec[] = [
  v1UploadAttachment,
  v1UploadTicketAttachment,
  staffUploadTicketAttachment,
  v1ListTickets,
  v1CreateTicket,
  v1GetTicket,
  v1AddTicketMessage,
  v1ResolveTicket,
  v1ReopenTicket,
  v1RateTicket,
  staffListTickets,
  staffGetTicket,
  staffAddTicketMessage,
  staffUpdateTicket,
  staffMergeTicket,
];
