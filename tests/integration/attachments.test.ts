/**
 * Ticket attachments on the real database and the real attachment folder: types sniffed from the
 * content against the allow-list, uploads bound once and only by their uploader, files served to
 * the ticket's customer (never a note's) and to staff through links signed for one viewer,
 * merges, expiry, and files that arrive by e-mail.
 */
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { verifyFields } from '@/lib/downloads/signing';
import { attachmentStorage } from '@/lib/downloads/storage';
import { getEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { stopBoss } from '@/lib/jobs/boss';
import { receiveInboundEmail } from '@/lib/mail/inbound';
import { replyAddress } from '@/lib/mail/reply-address';
import {
  attachmentLink,
  checkFile,
  cleanFileName,
  deleteExpiredUploads,
  openAttachment,
  storeAttachment,
} from '@/lib/support/attachments';
import {
  addCustomerMessage,
  addStaffMessage,
  createTicket,
  getStaffTicket,
  getTicket,
  mergeTickets,
} from '@/lib/support/tickets';
import { uploadAttachment } from '@/lib/support/uploads';
import { EXE, HTML, LOG, oversizedPng, PDF, PNG, ZIP } from '../support/files';
import { createTestUser } from '../support/users';

afterAll(() => stopBoss());

const agentPromise = createTestUser({ role: 'SUPPORT_AGENT' });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

function openTicket(userId: number, attachmentIds: number[] = []) {
  return createTicket({
    userId,
    subject: 'Camera offline',
    description: 'Since last night.',
    category: 'TECHNICAL',
    priority: 'MEDIUM',
    attachmentIds,
  });
}

/** An agent's internal note on the ticket with one file, uploaded as staff; returns the file. */
async function noteWithFile(agentId: number, ticketId: number, name: string) {
  const file = await uploadAttachment({
    uploaderId: agentId,
    asStaff: true,
    ticketId,
    file: { name, bytes: LOG },
  });
  await addStaffMessage({
    actorId: agentId,
    ticketId,
    body: 'Internal only',
    internal: true,
    attachmentIds: [file.id],
  });
  return file;
}

/** Opens the file behind a link as the portal's route does, by the link's own query. */
function follow(path: string) {
  const url = new URL(path, 'http://portal.test');
  const id = Number(/attachment_(\d+)/.exec(url.pathname)?.[1]);
  return openAttachment({
    id,
    viewer: url.searchParams.get('viewer'),
    expires: url.searchParams.get('expires'),
    signature: url.searchParams.get('signature'),
  });
}

describe('what may be attached', () => {
  it.each([
    ['screenshot.png', PNG, 'image/png'],
    ['invoice.PDF', PDF, 'application/pdf'],
    ['diagnostics.zip', ZIP, 'application/zip'],
    ['sensor.log', LOG, 'text/plain'],
  ])('accepts %s as %s by its content', async (name, bytes, type) => {
    await expect(checkFile({ name, bytes })).resolves.toEqual({
      fileName: name,
      contentType: type,
    });
  });

  it.each([
    ['an HTML page named .png', 'screenshot.png', HTML, /not a file type support accepts/],
    ['an HTML page named .txt', 'notes.txt', HTML, /not a file type support accepts/],
    ['an executable named .zip', 'tools.zip', EXE, /not a file type support accepts/],
    ['a PNG named .pdf', 'report.pdf', PNG, /PNG image by its content, but its name ends in \.pdf/],
    ['a PDF with no extension', 'report', PDF, /ends in no extension/],
  ])('refuses %s with a 415 that says why', async (_what, name, bytes, message) => {
    const refused = await refusal(checkFile({ name, bytes }));
    expect(refused.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(refused.message).toMatch(message);
  });

  it('refuses a file over 10 MiB, and an empty one', async () => {
    expect((await refusal(checkFile({ name: 'big.png', bytes: oversizedPng() }))).code).toBe(
      'ATTACHMENT_TOO_LARGE',
    );
    expect((await refusal(checkFile({ name: 'a.txt', bytes: new Uint8Array() }))).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('cleans names of paths, control characters and header-breaking quotes', () => {
    expect(cleanFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(cleanFileName('C:\\Users\\me\\log.txt')).toBe('log.txt');
    expect(cleanFileName('a"b\r\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('...')).toBe('attachment');
    expect(cleanFileName(`${'x'.repeat(300)}.log`)).toMatch(/^x{176}\.log$/);
  });
});

describe('uploads and messages', () => {
  it('opens a ticket with a file, which its customer and staff see and no one else', async () => {
    const [customer, stranger, agent] = await Promise.all([
      createTestUser(),
      createTestUser(),
      agentPromise,
    ]);
    const upload = await uploadAttachment({
      uploaderId: customer.id,
      asStaff: false,
      file: { name: 'screenshot.png', bytes: PNG },
    });
    const ticket = await openTicket(customer.id, [upload.id]);
    expect(ticket.attachments.map((a) => [a.fileName, a.contentType, a.size, a.inline])).toEqual([
      ['screenshot.png', 'image/png', PNG.byteLength, true],
    ]);

    const mine = await follow(attachmentLink(upload.id, customer.id).path);
    expect(mine).toMatchObject({
      contentType: 'image/png',
      inline: true,
      fileName: 'screenshot.png',
    });
    expect((await follow(attachmentLink(upload.id, agent.id).path)).size).toBe(PNG.byteLength);
    // A link signed for the stranger is genuine, but the stranger has no part in the ticket.
    expect((await refusal(follow(attachmentLink(upload.id, stranger.id).path))).code).toBe(
      'NOT_FOUND',
    );
  });

  it("never shows a note's file to the customer, even through a link signed for them", async () => {
    const [customer, agent] = await Promise.all([createTestUser(), agentPromise]);
    const ticket = await openTicket(customer.id);
    const file = await noteWithFile(agent.id, ticket.id, 'internal-diagnosis.log');
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(JSON.stringify(seen)).not.toContain('internal-diagnosis');
    expect((await refusal(follow(attachmentLink(file.id, customer.id).path))).code).toBe(
      'NOT_FOUND',
    );
    const staff = await getStaffTicket({ ticketId: ticket.id });
    expect(staff.messages.at(-1)?.attachments.map((a) => a.fileName)).toEqual([
      'internal-diagnosis.log',
    ]);
  });

  it("refuses another customer's upload, a sent one, and more than five, as if absent", async () => {
    const [customer, other] = await Promise.all([createTestUser(), createTestUser()]);
    const ticket = await openTicket(customer.id);
    const theirs = await storeAttachment({
      uploaderId: other.id,
      ticketId: null,
      file: { name: 'a.log', bytes: LOG },
    });
    const reply = (ids: number[]) =>
      addCustomerMessage({
        userId: customer.id,
        ticketId: ticket.id,
        body: 'See file',
        attachmentIds: ids,
      });
    expect((await refusal(reply([theirs.id]))).code).toBe('NOT_FOUND');

    const mine = await storeAttachment({
      uploaderId: customer.id,
      ticketId: ticket.id,
      file: { name: 'b.log', bytes: LOG },
    });
    await reply([mine.id]);
    expect((await refusal(reply([mine.id]))).code).toBe('NOT_FOUND');

    const six = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        storeAttachment({
          uploaderId: customer.id,
          ticketId: ticket.id,
          file: { name: `${i}.log`, bytes: LOG },
        }),
      ),
    );
    expect((await refusal(reply(six.map((s) => s.id)))).code).toBe('VALIDATION_FAILED');
    // The refused reply bound nothing: five of them still go.
    const sent = await reply(six.slice(0, 5).map((s) => s.id));
    expect(sent.message.attachments).toHaveLength(5);
  });

  it('binds an upload once when two replies race for it', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer.id);
    const file = await storeAttachment({
      uploaderId: customer.id,
      ticketId: ticket.id,
      file: { name: 'race.log', bytes: LOG },
    });
    const results = await Promise.allSettled(
      [1, 2].map((n) =>
        addCustomerMessage({
          userId: customer.id,
          ticketId: ticket.id,
          body: `reply ${n}`,
          attachmentIds: [file.id],
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const row = await db.ticketAttachment.findUniqueOrThrow({ where: { id: file.id } });
    expect(row.messageId).not.toBeNull();
  });

  it('keeps waiting uploads to 20 per account', async () => {
    const customer = await createTestUser();
    for (let i = 0; i < 20; i += 1) {
      await storeAttachment({
        uploaderId: customer.id,
        ticketId: null,
        file: { name: `${i}.log`, bytes: LOG },
      });
    }
    expect(
      (
        await refusal(
          storeAttachment({
            uploaderId: customer.id,
            ticketId: null,
            file: { name: 'x.log', bytes: LOG },
          }),
        )
      ).code,
    ).toBe('UPLOAD_LIMIT_REACHED');
  });

  it('refuses uploads from a customer whose address is not verified yet', async () => {
    const unverified = await createTestUser({ emailVerified: false });
    const upload = uploadAttachment({
      uploaderId: unverified.id,
      asStaff: false,
      file: { name: 'a.log', bytes: LOG },
    });
    expect((await refusal(upload)).code).toBe('EMAIL_NOT_VERIFIED');
    expect(await db.ticketAttachment.count({ where: { uploaderId: unverified.id } })).toBe(0);
  });

  it('refuses a customer upload to a closed ticket, or to one that is not theirs', async () => {
    const [customer, other] = await Promise.all([createTestUser(), createTestUser()]);
    const ticket = await openTicket(customer.id);
    const file = { name: 'a.log', bytes: LOG };
    expect(
      (
        await refusal(
          uploadAttachment({ uploaderId: other.id, asStaff: false, ticketId: ticket.id, file }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    await db.ticket.update({
      where: { id: ticket.id },
      data: { status: 'CLOSED', closedAt: new Date() },
    });
    expect(
      (
        await refusal(
          uploadAttachment({ uploaderId: customer.id, asStaff: false, ticketId: ticket.id, file }),
        )
      ).code,
    ).toBe('TICKET_CLOSED');
  });
});

describe('links', () => {
  it('refuses a tampered or expired link with 403, and a deactivated viewer with 404', async () => {
    const customer = await createTestUser();
    const file = await storeAttachment({
      uploaderId: customer.id,
      ticketId: null,
      file: { name: 'a.log', bytes: LOG },
    });
    const link = new URL(attachmentLink(file.id, customer.id).path, 'http://portal.test');
    const other = new URL(link);
    other.searchParams.set('viewer', String(customer.id + 1));
    expect((await refusal(follow(`${other.pathname}${other.search}`))).message).toMatch(
      /not valid/,
    );

    const old = attachmentLink(file.id, customer.id, Date.now() - 3_600_000).path;
    expect((await refusal(follow(old))).message).toMatch(/expired/);

    await db.user.update({ where: { id: customer.id }, data: { active: false } });
    expect((await refusal(follow(`${link.pathname}${link.search}`))).code).toBe('NOT_FOUND');
  });

  it('keeps one link for a minute, so a refreshing thread reuses its cached images', () => {
    const start = Math.ceil(Date.now() / 60_000) * 60_000 + 1_000;
    const a = attachmentLink(7, 3, start);
    const b = attachmentLink(7, 3, start + 30_000);
    expect(a.path).toBe(b.path);
    const expires = Number(new URL(a.url).searchParams.get('expires'));
    expect(expires * 1000 - start).toBeGreaterThanOrEqual(300_000);
    expect(expires * 1000 - start).toBeLessThanOrEqual(360_000);
    const signature = new URL(a.url).searchParams.get('signature') ?? '';
    // Signed for an attachment, it is no download grant for the same numbers.
    const secret = getEnv().downloadSigningSecret;
    expect(
      verifyFields(['download-v1', '7', '3', String(expires)], expires, signature, secret),
    ).toBe('invalid');
    expect(
      verifyFields(['attachment-v1', '7', '3', String(expires)], expires, signature, secret),
    ).toBe('valid');
  });
});

describe('merges and expiry', () => {
  it('moves reply files and waiting uploads with a merge; notes stay internal', async () => {
    const [customer, agent] = await Promise.all([createTestUser(), agentPromise]);
    const [source, target] = [await openTicket(customer.id), await openTicket(customer.id)];
    const note = await noteWithFile(agent.id, source.id, 'n.log');
    const waiting = await storeAttachment({
      uploaderId: customer.id,
      ticketId: source.id,
      file: { name: 'w.log', bytes: LOG },
    });
    await mergeTickets({ sourceId: source.id, targetId: target.id });

    // The upload made for the merged ticket goes with a reply that lands in the survivor.
    const reply = await addCustomerMessage({
      userId: customer.id,
      ticketId: source.id,
      body: 'late reply',
      attachmentIds: [waiting.id],
    });
    expect(reply.ticketId).toBe(target.id);
    const seen = await getTicket({ userId: customer.id, ticketId: target.id });
    expect(seen.messages.flatMap((m) => m.attachments.map((a) => a.fileName))).toEqual(['w.log']);
    expect((await refusal(follow(attachmentLink(note.id, customer.id).path))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('deletes uploads never sent after a day, rows and files, and nothing else', async () => {
    const customer = await createTestUser();
    const store = (name: string) =>
      storeAttachment({ uploaderId: customer.id, ticketId: null, file: { name, bytes: LOG } });
    const stale = await store('stale.log');
    const fresh = await store('fresh.log');
    await db.ticketAttachment.update({
      where: { id: stale.id },
      data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) },
    });
    const keyOf = async (id: number) =>
      (await db.ticketAttachment.findUniqueOrThrow({ where: { id } })).storageKey;
    const staleKey = await keyOf(stale.id);
    expect(await deleteExpiredUploads()).toBeGreaterThanOrEqual(1);
    expect(await db.ticketAttachment.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await attachmentStorage().size(staleKey)).toBeNull();
    expect(await attachmentStorage().size(await keyOf(fresh.id))).toBe(LOG.byteLength);
  });
});

describe('files that arrive by e-mail', () => {
  it('attaches what the rules allow, and records what they refuse', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer.id);
    const raw = await new MailComposer({
      from: customer.email,
      to: replyAddress(ticket.id, customer.id),
      subject: 'Re: Camera offline',
      messageId: `<${randomBytes(8).toString('hex')}@client.example>`,
      text: 'Here is the log and a screenshot.',
      attachments: [
        { filename: 'sensor.log', content: Buffer.from(LOG) },
        { filename: 'screen.png', content: Buffer.from(PNG) },
        { filename: 'invoice.png', content: Buffer.from(HTML) },
      ],
    })
      .compile()
      .build();
    const result = await receiveInboundEmail(raw);
    expect(result.outcome).toBe('APPENDED');
    expect(result.reason).toMatch(/attachments refused: invoice\.png/);
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(seen.messages.at(-1)?.attachments.map((a) => a.fileName)).toEqual([
      'sensor.log',
      'screen.png',
    ]);
  });
});
