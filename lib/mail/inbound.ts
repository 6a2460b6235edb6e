import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { findActiveUserByEmail } from '@/lib/accounts/users';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import type { InboundOutcome } from '@/lib/db/generated/enums';
import { getEnv } from '@/lib/env';
import { AppError, rateLimited, unauthorized } from '@/lib/errors';
import { ipRateLimitKey } from '@/lib/http/client-ip';
import { consume } from '@/lib/rate-limit';
import { logger } from '@/lib/log';
import {
  addCustomerMessage,
  addStaffMessage,
  createTicket,
  ticketForInbound,
} from '@/lib/support/tickets';
import { cleanFileName, storeAttachment } from '@/lib/support/attachments';
import { ATTACHMENTS_MAX, BODY_MAX, SUBJECT_MAX } from '@/lib/validations/support';
import { markBounced } from './notifications';
import { readReplyAddress } from './reply-address';

/**
 * E-mailed replies to support notifications, from POST /api/inbound/email or the SMTP listener
 * (`npm run mail:inbound`): both hand the raw RFC 822 message here. A reply is appended only when
 * its reply+… address is genuine and it comes from the person that address was issued to;
 * auto-replies and bounces never append or reopen anything (a bounce marks its notification);
 * everything else is refused. Every message is recorded with what became of it.
 */
export interface InboundResult {
  outcome: InboundOutcome;
  reason: string;
  ticketId?: number;
  messageId?: number;
}

/** At most this many bytes of mail are parsed; a provider's webhook limit is about the same. */
export const INBOUND_MAX_BYTES = 10 * 1024 * 1024;
const CLOSED_REPLY_DAYS = 30;
const OUR_MESSAGE_ID = /<[0-9a-f-]{36}@[A-Za-z0-9.-]+>/g;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** RFC 3834 and the common vendor headers; delivery reports are told apart below. */
function autoReplyReason(mail: ParsedMail): string | null {
  const autoSubmitted = header(mail, 'auto-submitted').toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header(mail, 'precedence').toLowerCase();
  if (/bulk|auto_reply|junk|list/.test(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    if (mail.headers.has(name)) return `${name} header`;
  }
  return null;
}

function isDeliveryReport(mail: ParsedMail, raw: string): boolean {
  const type = header(mail, 'content-type').toLowerCase();
  if (type.includes('multipart/report') && type.includes('delivery-status')) return true;
  const from = addresses(mail.from)[0]?.toLowerCase() ?? '';
  return (
    /^(mailer-daemon|postmaster)@/.test(from) ||
    /^Content-Type: message\/delivery-status/im.test(raw)
  );
}

const withoutNul = (s: string) => s.replaceAll('\u0000', '');

/** The new part of a reply: quoted history and signatures cut, kept within the body limit. */
export function visibleReply(text: string): string {
  // NUL cannot be stored in PostgreSQL text; a mail that carries one loses it, not the reply.
  const clean = withoutNul(text).replace(/\r\n/g, '\n');
  const visible = new EmailReplyParser().parseReply(clean).trim();
  return visible.length > BODY_MAX ? `${visible.slice(0, BODY_MAX - 1)}…` : visible;
}

async function record(mail: ParsedMail | null, result: InboundResult): Promise<InboundResult> {
  await db.inboundEmail.create({
    data: {
      messageId: mail?.messageId ? withoutNul(mail.messageId).slice(0, 500) : null,
      fromAddress: mail ? withoutNul(addresses(mail.from)[0] ?? '').slice(0, 320) || null : null,
      toAddress: mail ? withoutNul(addresses(mail.to).join(', ')).slice(0, 1000) || null : null,
      subject: mail?.subject ? withoutNul(mail.subject).slice(0, 500) : null,
      outcome: result.outcome,
      reason: result.reason,
      ticketId: result.ticketId ?? null,
      ticketMessageId: result.messageId ?? null,
    },
  });
  logger.info(
    { outcome: result.outcome, reason: result.reason, ticketId: result.ticketId },
    'inbound mail',
  );
  return result;
}

/**
 * A reply's attached files, under the same rules as an upload (sniffed type on the allow-list, a
 * name that agrees, 10 MiB, 5 a message). Images embedded in the HTML (signatures, logos) are
 * skipped. A refused file does not stop the reply: it is named in the record instead.
 */
async function storeMailAttachments(
  mail: ParsedMail,
  uploaderId: number,
): Promise<{ ids: number[]; refused: string[] }> {
  const ids: number[] = [];
  const refused: string[] = [];
  for (const attachment of mail.attachments.filter((a) => !a.related)) {
    const name = cleanFileName(attachment.filename ?? 'attachment');
    if (ids.length >= ATTACHMENTS_MAX) {
      refused.push(`${name} (more than ${ATTACHMENTS_MAX} files)`);
      continue;
    }
    try {
      // Unbound and for no ticket yet: binding puts it on the ticket the reply lands in.
      const stored = await storeAttachment({
        uploaderId,
        ticketId: null,
        file: { name, bytes: new Uint8Array(attachment.content) },
      });
      ids.push(stored.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push(`${name} (${err.message})`);
    }
  }
  return { ids, refused };
}

const withRefusals = (reason: string, refused: string[]) =>
  refused.length > 0 ? `${reason}; attachments refused: ${refused.join('; ')}` : reason;

export async function receiveInboundEmail(
  raw: string | Buffer,
  envelope: { recipients?: readonly string[] } = {},
): Promise<InboundResult> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 2_000_000 });
  } catch {
    return record(null, { outcome: 'REFUSED', reason: 'not a readable e-mail' });
  }
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');

  if (isDeliveryReport(mail, text)) {
    const bounced = [...new Set(text.match(OUR_MESSAGE_ID) ?? [])];
    const marked = await markBounced(bounced, withoutNul(mail.text ?? 'delivery failed'));
    return record(mail, { outcome: 'IGNORED', reason: `bounce (${marked} notification marked)` });
  }
  const auto = autoReplyReason(mail);
  if (auto) return record(mail, { outcome: 'IGNORED', reason: `auto-reply (${auto})` });

  const recipients = [
    ...(envelope.recipients ?? []),
    ...addresses(mail.to),
    ...addresses(mail.cc),
    header(mail, 'delivered-to'),
  ].filter(Boolean);
  const token = readReplyAddress(recipients);
  if (!token.ok) return record(mail, { outcome: 'REFUSED', reason: token.reason });

  const from = addresses(mail.from)[0] ?? '';
  const sender = from ? await findActiveUserByEmail(from) : null;
  if (!sender || sender.id !== token.userId) {
    return record(mail, {
      outcome: 'REFUSED',
      reason: 'sender is not the recipient this address was issued to',
      ticketId: token.ticketId,
    });
  }
  const ticket = await ticketForInbound(token.ticketId);
  if (!ticket) return record(mail, { outcome: 'REFUSED', reason: 'no such ticket' });
  const body = visibleReply(mail.text ?? '');
  if (!body) {
    return record(mail, { outcome: 'IGNORED', reason: 'empty reply', ticketId: ticket.id });
  }

  const staff = can(sender, 'REPLY_TICKETS');
  if (ticket.status === 'CLOSED') {
    const closedDays = ticket.closedAt ? (Date.now() - ticket.closedAt.getTime()) / 86_400_000 : 0;
    if (staff || closedDays > CLOSED_REPLY_DAYS || ticket.userId !== sender.id) {
      return record(mail, {
        outcome: 'REFUSED',
        reason: `ticket closed${closedDays > CLOSED_REPLY_DAYS ? ` more than ${CLOSED_REPLY_DAYS} days ago` : ''}`,
        ticketId: ticket.id,
      });
    }
    // A recently closed ticket takes no more replies: the customer's answer opens a follow-up.
    const files = await storeMailAttachments(mail, sender.id);
    const followUp = await createTicket({
      userId: sender.id,
      subject: `Re: ${ticket.subject}`.slice(0, SUBJECT_MAX),
      description: body,
      category: 'OTHER',
      priority: 'MEDIUM',
      followUpOfId: ticket.id,
      attachmentIds: files.ids,
    });
    return record(mail, {
      outcome: 'APPENDED',
      reason: withRefusals(`follow-up ticket_${followUp.id} to a closed ticket`, files.refused),
      ticketId: followUp.id,
    });
  }

  if (!staff && ticket.userId !== sender.id) {
    return record(mail, { outcome: 'REFUSED', reason: 'sender has no part in this ticket' });
  }
  const files = await storeMailAttachments(mail, sender.id);
  const reply = { ticketId: ticket.id, body, attachmentIds: files.ids };
  const added = staff
    ? await addStaffMessage({ ...reply, actorId: sender.id, internal: false })
    : await addCustomerMessage({ ...reply, userId: sender.id });
  return record(mail, {
    outcome: 'APPENDED',
    reason: withRefusals(staff ? 'agent reply' : 'customer reply', files.refused),
    ticketId: added.ticketId,
    messageId: added.message.id,
  });
}

/**
 * The mail provider's credential on POST /api/inbound/email: `Authorization: Bearer <secret>`, or
 * Basic auth with the secret as password (providers put it in the webhook URL). Compared in
 * constant time; failures are counted per client address, and past the limit answered 429.
 */
export async function authenticateInbound(authorization: string | null, ip: string): Promise<void> {
  const secret = getEnv().inboundEmailSecret;
  let given = '';
  const bearer = /^Bearer (\S{1,512})$/.exec(authorization ?? '');
  const basic = /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(authorization ?? '');
  if (bearer?.[1]) given = bearer[1];
  else if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    given = decoded.slice(decoded.indexOf(':') + 1);
  }
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  if (given && timingSafeEqual(a, b)) return;
  const limit = await consume('inbound-auth-failures', ipRateLimitKey(ip));
  logger.warn(
    { event: 'inbound_mail_refused', clientIp: ip, limited: !limit.allowed },
    'inbound mail refused',
  );
  if (!limit.allowed)
    throw rateLimited(limit.resetSeconds, 'Too many deliveries with a wrong secret');
  throw unauthorized('UNAUTHENTICATED', 'Missing or wrong inbound e-mail secret');
}
