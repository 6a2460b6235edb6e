/**
 * Support e-mail both ways, against a real SMTP server this file starts: notifications written
 * with the change that causes them and delivered by pg-boss workers, e-mailed replies routed back
 * by their reply+… address, forgeries, strangers, auto-replies and bounces kept out, a mail server
 * that is down for a while, and two queue workers sharing 1,000 e-mails (real PostgreSQL only).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { isEmbeddedDatabase } from '@/lib/db/database-url';
import { createBoss, getBoss, stopBoss, transactionWithJobs } from '@/lib/jobs/boss';
import { startWorkers } from '@/lib/jobs/workers';
import { receiveInboundEmail, visibleReply } from '@/lib/mail/inbound';
import { queueMail } from '@/lib/mail/notifications';
import { replyAddress } from '@/lib/mail/reply-address';
import { resetMailTransport } from '@/lib/mail/transport';
import {
  addStaffMessage,
  createTicket,
  getStaffTicket,
  getTicket,
  resolveTicket,
} from '@/lib/support/tickets';
import { startSmtpSink } from '../support/smtp';
import { createTestUser, type TestUser } from '../support/users';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

const SAVED = { ...process.env };
const SHARED = `agents-${randomBytes(4).toString('hex')}@support.example.test`;
let sink: Sink;
let workers: { stop(): Promise<void> };
let agent: TestUser;

beforeAll(async () => {
  sink = await startSmtpSink();
  Object.assign(process.env, {
    SMTP_URL: sink.url,
    SUPPORT_NOTIFY_EMAIL: SHARED,
    MAIL_RETRY_DELAY_SECONDS: '1',
    MAIL_RETRY_LIMIT: '20',
  });
  resetMailTransport();
  workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
  agent = await createTestUser({ role: 'SUPPORT_AGENT', firstName: 'Alice' });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await stopBoss();
  resetMailTransport();
  await sink?.stop();
  for (const key of Object.keys(process.env)) if (!(key in SAVED)) delete process.env[key];
  Object.assign(process.env, SAVED);
}, 60_000);

async function openTicket(
  customer: TestUser,
  subject = `Camera ${randomBytes(3).toString('hex')}`,
) {
  return createTicket({
    userId: customer.id,
    subject,
    description: 'It drops offline at night.',
    category: 'TECHNICAL',
    priority: 'HIGH',
  });
}

/** A reply as a mail client writes it: the new text, then the quoted notification. */
function replyMail(input: {
  from: string;
  to: string;
  body: string;
  headers?: Record<string, string>;
  subject?: string;
}): string {
  const extra = Object.entries(input.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`);
  return (
    `From: Customer <${input.from}>\r\n` +
    `To: ${input.to}\r\n` +
    `Subject: ${input.subject ?? 'Re: your ticket'}\r\n` +
    `Message-ID: <${randomBytes(8).toString('hex')}@client.example>\r\n` +
    `Date: ${new Date().toUTCString()}\r\n` +
    extra.join('') +
    'Content-Type: text/plain; charset=utf-8\r\n\r\n' +
    `${input.body}\r\n\r\n` +
    'On Mon, Dec 7, 2026 at 10:00 AM Sense Security Support <support@sense-security.test> wrote:\r\n' +
    '> Which antivirus do you run?\r\n> Thanks\r\n'
  );
}

/** The customer's own reply to the ticket's reply+… address, received as inbound mail. */
function customerReplies(
  customer: TestUser,
  ticketId: number,
  mail: { body: string; headers?: Record<string, string>; subject?: string },
) {
  return receiveInboundEmail(
    replyMail({ from: customer.email, to: replyAddress(ticketId, customer.id), ...mail }),
  );
}

describe('outgoing support e-mail', () => {
  it('sends the customer an agent reply with subject, Reply-To and link, and never a note', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    const marker = `NOTE-${randomBytes(6).toString('hex')}`;
    await addStaffMessage({ actorId: agent.id, ticketId: ticket.id, body: marker, internal: true });
    await addStaffMessage({
      actorId: agent.id,
      ticketId: ticket.id,
      body: 'Which antivirus do you run?',
      internal: false,
    });
    const mail = await sink.waitFor((m) => m.recipients.includes(customer.email));
    expect(mail.parsed.subject).toBe(`Re: [ticket_${ticket.id}] ${ticket.subject}`);
    expect(mail.parsed.replyTo?.value[0]?.address).toBe(replyAddress(ticket.id, customer.id));
    expect(mail.parsed.text).toContain('Which antivirus do you run?');
    expect(mail.parsed.text).toContain(`/support/ticket_${ticket.id}`);
    expect(mail.parsed.html).toContain(`/support/ticket_${ticket.id}`);
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    // The agents heard of the new ticket at the shared address; nobody heard of the note.
    await sink.waitFor(
      (m) => m.recipients.includes(SHARED) && m.raw.includes(`ticket_${ticket.id}`),
    );
    expect(sink.messages.some((m) => m.raw.includes(marker))).toBe(false);

    const staffView = await getStaffTicket({ ticketId: ticket.id });
    await expect
      .poll(async () => (await getStaffTicket({ ticketId: ticket.id })).emails.map((e) => e.status))
      .toEqual(['SENT', 'SENT']);
    expect(staffView.emails.map((e) => e.kind)).toEqual([
      'staff_ticket_opened',
      'ticket_agent_reply',
    ]);
    const sent = await db.notification.findFirstOrThrow({
      where: { ticketId: ticket.id, kind: 'ticket_agent_reply' },
    });
    expect(mail.parsed.messageId).toBe(sent.messageId);
  });

  it('respects a customer who turned support e-mail off', async () => {
    const customer = await createTestUser();
    await db.user.update({ where: { id: customer.id }, data: { supportEmails: false } });
    const ticket = await openTicket(customer);
    await addStaffMessage({
      actorId: agent.id,
      ticketId: ticket.id,
      body: 'Hello',
      internal: false,
    });
    expect(
      await db.notification.count({ where: { ticketId: ticket.id, userId: customer.id } }),
    ).toBe(0);
  });

  it('keeps a notification while the mail server is down and delivers it once when it is back', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    await sink.stop();
    await addStaffMessage({
      actorId: agent.id,
      ticketId: ticket.id,
      body: 'Are you there?',
      internal: false,
    });
    const row = () =>
      db.notification.findFirstOrThrow({
        where: { ticketId: ticket.id, kind: 'ticket_agent_reply' },
      });
    await expect
      .poll(async () => (await row()).attempts, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    const failing = await row();
    expect(failing.status).toBe('QUEUED');
    expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);
    await sink.start();
    await expect.poll(async () => (await row()).status, { timeout: 30_000 }).toBe('SENT');
    const delivered = sink.messages.filter((m) => m.parsed.messageId === failing.messageId);
    expect(delivered).toHaveLength(1);
  }, 60_000);
});

describe('e-mailed replies', () => {
  it('appends a reply from the recipient, without the quoted history', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    const result = await customerReplies(customer, ticket.id, {
      body: 'Windows Defender only.\nNothing else.',
    });
    expect(result).toMatchObject({ outcome: 'APPENDED', ticketId: ticket.id });
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(seen.messages.map((m) => m.body)).toEqual(['Windows Defender only.\nNothing else.']);
    expect(seen.status).toBe('AWAITING_SUPPORT');
  });

  it("appends an agent's e-mailed reply as a public answer", async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    const result = await receiveInboundEmail(
      replyMail({ from: agent.email, to: replyAddress(ticket.id, agent.id), body: 'On it.' }),
    );
    expect(result.outcome).toBe('APPENDED');
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(seen.messages).toEqual([expect.objectContaining({ body: 'On it.' })]);
    expect(seen.status).toBe('AWAITING_CUSTOMER');
  });

  it('refuses a forged address, a stranger and another recipient, and records them', async () => {
    const customer = await createTestUser();
    const stranger = await createTestUser();
    const ticket = await openTicket(customer);
    const good = replyAddress(ticket.id, customer.id);
    // Another first character: the MAC's first byte changes (the last character carries 2 bits).
    const forged = good.replace(
      /\.([A-Za-z0-9_-])([A-Za-z0-9_-]{21})@/,
      (_, first: string, rest: string) => `.${first === 'A' ? 'B' : 'A'}${rest}@`,
    );
    expect(forged).not.toBe(good);
    const cases = [
      { from: customer.email, to: forged, reason: /forged/ },
      { from: stranger.email, to: good, reason: /not the recipient/ },
      {
        from: customer.email,
        to: replyAddress(ticket.id, stranger.id),
        reason: /not the recipient/,
      },
      { from: customer.email, to: 'someone@elsewhere.example', reason: /no reply address/ },
    ];
    for (const c of cases) {
      const result = await receiveInboundEmail(
        replyMail({ from: c.from, to: c.to, body: 'Let me in' }),
      );
      expect(result.outcome).toBe('REFUSED');
      expect(result.reason).toMatch(c.reason);
    }
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(seen.messages).toEqual([]);
    expect(
      await db.inboundEmail.count({
        where: { outcome: 'REFUSED', reason: { contains: 'forged' } },
      }),
    ).toBeGreaterThan(0);
  });

  it('ignores auto-replies: nothing appended, a resolved ticket stays resolved', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    await resolveTicket({ userId: customer.id, ticketId: ticket.id });
    const autoHeaders: Record<string, string>[] = [
      { 'Auto-Submitted': 'auto-replied' },
      { Precedence: 'auto_reply' },
      { 'X-Autoreply': 'yes' },
    ];
    for (const headers of autoHeaders) {
      const result = await customerReplies(customer, ticket.id, {
        body: 'I am out of the office until Monday.',
        headers,
      });
      expect(result.outcome).toBe('IGNORED');
    }
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(seen).toMatchObject({ status: 'RESOLVED', messages: [] });
  });

  it('marks a bounced notification bounced', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    await addStaffMessage({ actorId: agent.id, ticketId: ticket.id, body: 'Hi', internal: false });
    const sent = await db.notification.findFirstOrThrow({
      where: { ticketId: ticket.id, kind: 'ticket_agent_reply' },
    });
    await expect
      .poll(
        async () => (await db.notification.findUniqueOrThrow({ where: { id: sent.id } })).status,
      )
      .toBe('SENT');
    const dsn =
      'From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\n' +
      `To: ${replyAddress(ticket.id, customer.id)}\r\n` +
      'Subject: Undelivered Mail Returned to Sender\r\n' +
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n' +
      '--b1\r\nContent-Type: text/plain\r\n\r\nThe mailbox does not exist.\r\n' +
      '--b1\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n\r\n' +
      `--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: ${sent.messageId}\r\n--b1--\r\n`;
    const result = await receiveInboundEmail(dsn);
    expect(result).toMatchObject({
      outcome: 'IGNORED',
      reason: expect.stringMatching(/bounce \(1/),
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe(
      'BOUNCED',
    );
  });

  it('keeps a reply that carries a NUL, without the NUL', async () => {
    const customer = await createTestUser();
    const ticket = await openTicket(customer);
    const result = await customerReplies(customer, ticket.id, {
      body: 'Broken\u0000 again',
      subject: 'Re: \u0000camera',
    });
    expect(result.outcome).toBe('APPENDED');
    const seen = await getTicket({ userId: customer.id, ticketId: ticket.id });
    expect(seen.messages.map((m) => m.body)).toEqual(['Broken again']);
  });

  it('strips quoted history in the common forms', () => {
    expect(visibleReply('Thanks!\n\nOn Tue, Dec 1, 2026, Support wrote:\n> old text\n')).toBe(
      'Thanks!',
    );
    expect(visibleReply('Line one\nLine two\n\n> quoted\n> more')).toBe('Line one\nLine two');
  });
});

describe.skipIf(isEmbeddedDatabase())('two queue workers', () => {
  it('deliver 1,000 notifications with none lost and none twice', async () => {
    const tag = randomBytes(4).toString('hex');
    const to = `load-${tag}@example.test`;
    // A second queue with its own pool stands for a second portal instance.
    const second = createBoss();
    const other = await startWorkers({ boss: await second.ready, pollingIntervalSeconds: 0.5 });
    await getBoss();
    try {
      for (let batch = 0; batch < 10; batch += 1) {
        await transactionWithJobs(
          async (tx) => {
            for (let i = 0; i < 100; i += 1) {
              await queueMail(tx, {
                kind: 'load_test',
                to,
                mail: { subject: `Load ${tag} ${batch * 100 + i}`, text: 'x', html: '<p>x</p>' },
              });
            }
          },
          { timeout: 60_000 },
        );
      }
      await expect
        .poll(() => db.notification.count({ where: { toAddress: to, status: 'SENT' } }), {
          timeout: 120_000,
          interval: 1_000,
        })
        .toBe(1000);
      const received = sink.messages.filter((m) => m.recipients.includes(to));
      const ids = new Set(received.map((m) => m.parsed.messageId));
      expect(received).toHaveLength(1000);
      expect(ids.size).toBe(1000);
    } finally {
      await other.stop();
      await second.boss.stop({ graceful: true, wait: true });
    }
  }, 180_000);
});
