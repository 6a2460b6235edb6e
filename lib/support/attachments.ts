import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Tx } from '@/lib/accounts/users';
import { findMailRecipient } from '@/lib/accounts/users';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { signFields, verifyFields } from '@/lib/downloads/signing';
import { attachmentStorage } from '@/lib/downloads/storage';
import { getEnv } from '@/lib/env';
import { AppError, forbidden, invalid, notFound } from '@/lib/errors';
import {
  ALLOWED_TYPES,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_MAX as ATTACHMENTS_PER_MESSAGE,
} from '@/lib/validations/support';

/**
 * The one owner of ticket attachments. A file is uploaded first (checked, stored, recorded as
 * unbound), then bound once, inside the transaction that writes its message or its ticket. Its
 * type is sniffed from its bytes and must be on the allow-list and agree with its name; the
 * client's Content-Type is never read. Files are served through short-lived links signed for one
 * viewer, and the viewer's right to see the file is checked again when the link is opened: the
 * ticket's customer sees what is public (never a file on an internal note), staff see everything.
 */

const PENDING_PER_UPLOADER = 20;
const PENDING_LIFETIME_MS = 24 * 3600 * 1000;
const FILE_NAME_MAX = 180;

export interface AttachmentMeta {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  inline: boolean;
  createdAt: Date;
}

export const attachmentId = (id: number) => `attachment_${id}`;

// ---------------------------------------------------------------------------------------------
// Checking a file

/**
 * Markup a browser would sniff as HTML or XML (WHATWG MIME Sniffing, "identifying a resource
 * with an unknown MIME type"): a text file that opens with one of these is refused, whatever its
 * name says.
 */
const MARKUP =
  /^(?:<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--|<\?xml|<svg)(?:[\s>/]|$)/i;

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !MARKUP.test(text.replace(/^\uFEFF/, '').trimStart());
}

/** The type the bytes are, by their signature; text only when it is UTF-8 and not markup. */
async function sniff(bytes: Uint8Array): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  return isPlainText(bytes) ? 'text/plain' : null;
}

/** The client's file name, made safe to store and to send back in Content-Disposition. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Control characters, and the quotes and separators that break headers or paths.
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"*:<>?|]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return 'attachment';
  if (cleaned.length <= FILE_NAME_MAX) return cleaned;
  const ext = path.extname(cleaned).slice(0, 10);
  return `${cleaned.slice(0, FILE_NAME_MAX - ext.length)}${ext}`;
}

const notAllowed = (message: string) => new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', message);

/** The file's sniffed type, when it is allowed and its name agrees; otherwise a 415 that says why. */
export async function checkFile(file: {
  name: string;
  bytes: Uint8Array;
}): Promise<{ fileName: string; contentType: string }> {
  if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES) {
    throw new AppError(
      'ATTACHMENT_TOO_LARGE',
      `A file may be at most 10 MiB (${ATTACHMENT_MAX_BYTES} bytes)`,
    );
  }
  if (file.bytes.byteLength === 0) {
    throw invalid('VALIDATION_FAILED', 'The file is empty', [
      { field: 'file', message: 'is empty' },
    ]);
  }
  const fileName = cleanFileName(file.name);
  const contentType = await sniff(file.bytes);
  const allowed = contentType ? ALLOWED_TYPES[contentType] : undefined;
  if (!contentType || !allowed) {
    throw notAllowed(
      `${fileName} is not a file type support accepts (its content is ${contentType ?? 'not recognisable'}); send images (PNG, JPEG, GIF, WebP), PDF, plain-text logs or zip archives`,
    );
  }
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (!allowed.extensions.includes(ext)) {
    throw notAllowed(
      `${fileName} is a ${allowed.label} by its content, but its name ends in ${ext ? `.${ext}` : 'no extension'}; name it .${allowed.extensions.join(' or .')}`,
    );
  }
  return { fileName, contentType };
}

// ---------------------------------------------------------------------------------------------
// Uploading and binding

const metaSelect = {
  id: true,
  fileName: true,
  contentType: true,
  size: true,
  createdAt: true,
} as const;

function toMeta(row: {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: Date;
}): AttachmentMeta {
  return { ...row, inline: ALLOWED_TYPES[row.contentType]?.inline ?? false };
}

/**
 * Checks and stores one file, unbound. `ticketId` is the (surviving, writable) ticket it is for,
 * already checked by the caller; without one the upload waits for the ticket it will open.
 */
export async function storeAttachment(input: {
  uploaderId: number;
  ticketId: number | null;
  file: { name: string; bytes: Uint8Array };
}): Promise<AttachmentMeta> {
  const { fileName, contentType } = await checkFile(input.file);
  const pending = await db.ticketAttachment.count({
    where: {
      uploaderId: input.uploaderId,
      boundAt: null,
      createdAt: { gt: new Date(Date.now() - PENDING_LIFETIME_MS) },
    },
  });
  if (pending >= PENDING_PER_UPLOADER) {
    throw new AppError(
      'UPLOAD_LIMIT_REACHED',
      `${PENDING_PER_UPLOADER} uploads are waiting to be sent; send them with a message, or wait a day for them to expire`,
    );
  }
  const now = new Date();
  const storageKey = `${now.toISOString().slice(0, 7)}/${randomUUID()}`;
  const storage = attachmentStorage();
  await storage.put(storageKey, input.file.bytes);
  try {
    const row = await db.ticketAttachment.create({
      data: {
        uploaderId: input.uploaderId,
        ticketId: input.ticketId,
        fileName,
        contentType,
        size: input.file.bytes.byteLength,
        sha256: createHash('sha256').update(input.file.bytes).digest('hex'),
        storageKey,
        createdAt: now,
      },
      select: metaSelect,
    });
    return toMeta(row);
  } catch (err) {
    await storage.delete(storageKey).catch(() => undefined);
    throw err;
  }
}

/**
 * Binds uploads to what they were sent with, in its transaction: a message, or (with `messageId`
 * null) a new ticket's opening. Each must be the sender's own upload, not bound yet, and made for
 * this ticket or for none (anything else is a 404, as another customer's object). The conditions
 * sit in the UPDATE itself, so two messages racing for the same upload cannot both take it.
 */
export async function bindAttachments(
  tx: Tx,
  input: { ids: readonly number[]; uploaderId: number; ticketId: number; messageId: number | null },
): Promise<AttachmentMeta[]> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return [];
  if (ids.length > ATTACHMENTS_PER_MESSAGE) {
    throw invalid('VALIDATION_FAILED', `At most ${ATTACHMENTS_PER_MESSAGE} attachments a message`, [
      { field: 'attachmentIds', message: `must list at most ${ATTACHMENTS_PER_MESSAGE}` },
    ]);
  }
  const bound = await tx.ticketAttachment.updateMany({
    where: {
      id: { in: ids },
      uploaderId: input.uploaderId,
      boundAt: null,
      OR: [{ ticketId: null }, { ticketId: input.ticketId }],
    },
    data: { boundAt: new Date(), ticketId: input.ticketId, messageId: input.messageId },
  });
  if (bound.count !== ids.length) {
    // Someone else's upload, one already sent, or one made for another ticket: as if absent.
    throw notFound('An attachment in attachmentIds is not one of your uploads waiting to be sent');
  }
  const rows = await tx.ticketAttachment.findMany({
    where: { id: { in: ids } },
    select: metaSelect,
    orderBy: { id: 'asc' },
  });
  return rows.map(toMeta);
}

/** After a merge: uploads and reply attachments follow the messages; the opening's stay. */
export async function moveAttachments(tx: Tx, from: number, to: number): Promise<void> {
  await tx.ticketAttachment.updateMany({
    where: { ticketId: from, OR: [{ messageId: { not: null } }, { boundAt: null }] },
    data: { ticketId: to },
  });
}

/**
 * The attachments of a ticket as loaded: those of `messageIds` (which the caller filtered, so a
 * customer's list never names an internal note) and those of the ticket's opening.
 */
export async function attachmentsOf(input: {
  ticketId: number;
  messageIds: readonly number[];
}): Promise<{ opening: AttachmentMeta[]; byMessage: Map<number, AttachmentMeta[]> }> {
  const rows = await db.ticketAttachment.findMany({
    where: {
      OR: [
        { messageId: { in: [...input.messageIds] } },
        { ticketId: input.ticketId, messageId: null, boundAt: { not: null } },
      ],
    },
    select: { ...metaSelect, messageId: true },
    orderBy: { id: 'asc' },
  });
  const opening: AttachmentMeta[] = [];
  const byMessage = new Map<number, AttachmentMeta[]>();
  for (const { messageId, ...row } of rows) {
    if (messageId === null) opening.push(toMeta(row));
    else byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), toMeta(row)]);
  }
  return { opening, byMessage };
}

/** Unbound uploads older than a day: their rows, then their files. Returns how many went. */
export async function deleteExpiredUploads(now: Date = new Date()): Promise<number> {
  const expired = await db.ticketAttachment.findMany({
    where: { boundAt: null, createdAt: { lt: new Date(now.getTime() - PENDING_LIFETIME_MS) } },
    select: { id: true, storageKey: true },
    take: 500,
  });
  if (expired.length === 0) return 0;
  await db.ticketAttachment.deleteMany({
    where: { id: { in: expired.map((e) => e.id) }, boundAt: null },
  });
  const storage = attachmentStorage();
  await Promise.all(expired.map((e) => storage.delete(e.storageKey)));
  return expired.length;
}

// ---------------------------------------------------------------------------------------------
// Links

const linkFields = (id: number, viewerId: number, expires: number) =>
  ['attachment-v1', String(id), String(viewerId), String(expires)] as const;

export interface AttachmentLink {
  /** The portal-relative path, for the portal's own pages. */
  path: string;
  /** The same link, absolute on APP_URL, for API clients. */
  url: string;
  expiresAt: Date;
}

/**
 * A link to one attachment for one viewer, valid ATTACHMENT_URL_TTL_SECONDS, with the expiry
 * rounded up to the next whole minute: a thread that refreshes every few seconds keeps the same
 * links for a minute, so the browser's cache serves its images instead of fetching them again.
 */
export function attachmentLink(id: number, viewerId: number, now = Date.now()): AttachmentLink {
  const env = getEnv();
  const expires = Math.ceil((now / 1000 + env.ATTACHMENT_URL_TTL_SECONDS) / 60) * 60;
  const signature = signFields(linkFields(id, viewerId, expires), env.downloadSigningSecret);
  const query = new URLSearchParams({
    viewer: String(viewerId),
    expires: String(expires),
    signature,
  });
  const linkPath = `/api/attachments/${attachmentId(id)}?${query.toString()}`;
  return { path: linkPath, url: `${env.appUrl}${linkPath}`, expiresAt: new Date(expires * 1000) };
}

export interface OpenedAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  inline: boolean;
}

/**
 * Checks a signed link and the viewer's right to the file now: a bad or expired signature is a
 * 403, like a download link; a file the viewer may no longer see (an account deactivated, a
 * message turned internal, a customer who is not the ticket's) is a 404, as if it did not exist.
 */
export async function openAttachment(input: {
  id: number;
  viewer: string | null;
  expires: string | null;
  signature: string | null;
}): Promise<OpenedAttachment> {
  const viewerId = /^[1-9][0-9]{0,9}$/.test(input.viewer ?? '') ? Number(input.viewer) : null;
  const expires = /^[0-9]{1,12}$/.test(input.expires ?? '') ? Number(input.expires) : null;
  if (viewerId === null || expires === null || !input.signature) {
    throw forbidden('FORBIDDEN', 'This attachment link is incomplete');
  }
  const verdict = verifyFields(
    linkFields(input.id, viewerId, expires),
    expires,
    input.signature,
    getEnv().downloadSigningSecret,
  );
  if (verdict === 'invalid') throw forbidden('FORBIDDEN', 'This attachment link is not valid');
  if (verdict === 'expired') {
    throw forbidden(
      'FORBIDDEN',
      'This attachment link has expired; reload the ticket for a new one',
    );
  }
  const [viewer, row] = await Promise.all([
    findMailRecipient(db, viewerId),
    db.ticketAttachment.findUnique({
      where: { id: input.id },
      select: {
        storageKey: true,
        fileName: true,
        contentType: true,
        size: true,
        sha256: true,
        uploaderId: true,
        boundAt: true,
        ticket: { select: { userId: true } },
        message: { select: { internal: true } },
      },
    }),
  ]);
  if (!viewer?.active || !row || !mayView(viewer, row)) throw notFound('Attachment not found');
  return {
    storageKey: row.storageKey,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    inline: ALLOWED_TYPES[row.contentType]?.inline ?? false,
  };
}

function mayView(
  viewer: { id: number; role: Parameters<typeof can>[0]['role'] },
  row: {
    uploaderId: number;
    boundAt: Date | null;
    ticket: { userId: number } | null;
    message: { internal: boolean } | null;
  },
): boolean {
  // An upload not sent yet is its uploader's alone.
  if (row.boundAt === null) return row.uploaderId === viewer.id;
  if (can(viewer, 'VIEW_ALL_TICKETS')) return true;
  return row.ticket?.userId === viewer.id && row.message?.internal !== true;
}
