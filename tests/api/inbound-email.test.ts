/**
 * POST /api/inbound/email over HTTP, as a mail provider's inbound webhook calls it: the shared
 * secret (Bearer or Basic), a limit on wrong secrets per client address, a reply that joins its
 * ticket, and a stranger's mail that is recorded and refused.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { replyAddress } from '@/lib/mail/reply-address';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import { expectStatus, explain, login, type V1Success } from '../support/v1';

const SECRET = process.env.INBOUND_EMAIL_SECRET ?? '';

function mail(from: string, to: string, body: string): string {
  return (
    `From: <${from}>\r\nTo: ${to}\r\nSubject: Re: [ticket] help\r\n` +
    `Message-ID: <${randomBytes(8).toString('hex')}@client.example>\r\n` +
    'Content-Type: text/plain; charset=utf-8\r\n\r\n' +
    `${body}\r\n\r\nOn Mon, Dec 7, 2026, Support wrote:\r\n> earlier text\r\n`
  );
}

async function ticketOf() {
  const api = client();
  const customer = await createTestUser();
  const { access } = await login(api, customer);
  const res = await api<V1Success<{ id: string }>>('/api/v1/support/tickets', {
    token: access,
    json: { subject: 'Mail test', description: 'Reply by e-mail', category: 'other' },
  });
  expectStatus(res, 201);
  return { api, customer, token: access, id: res.json.data.id };
}

function post(api: ReturnType<typeof client>, body: string, authorization?: string) {
  return api<{ received?: boolean; outcome?: string; reason?: string; code?: string }>(
    '/api/inbound/email',
    {
      method: 'POST',
      body,
      headers: {
        'content-type': 'message/rfc822',
        ...(authorization ? { authorization } : {}),
      },
    },
  );
}

describe('POST /api/inbound/email', () => {
  it('needs the secret, and limits wrong ones per client address', async () => {
    expect(SECRET.length).toBeGreaterThanOrEqual(32);
    const api = client();
    const none = await post(api, 'x');
    expect(none.status, explain(none)).toBe(401);
    expect(none.json).toMatchObject({ code: 'UNAUTHENTICATED', request_id: expect.any(String) });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await post(api, 'x', `Bearer wrong-${i}-${'x'.repeat(32)}`)).status);
    }
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The right secret is never limited, even from the address that guessed.
    const other = await post(api, 'not an e-mail', `Bearer ${SECRET}`);
    expect(other.status, explain(other)).toBe(200);
    expect(other.json).toMatchObject({ received: true, outcome: 'refused' });
  });

  it("appends the customer's reply to their ticket, without the quoted text", async () => {
    const { api, customer, token, id } = await ticketOf();
    const numeric = Number(id.replace('ticket_', ''));
    const basic = `Basic ${Buffer.from(`mailer:${SECRET}`).toString('base64')}`;
    const res = await post(
      client(),
      mail(customer.email, replyAddress(numeric, customer.id), 'Still broken after a reboot.'),
      basic,
    );
    expect(res.status, explain(res)).toBe(200);
    expect(res.json).toMatchObject({ received: true, outcome: 'appended' });
    const ticket = await api<V1Success<{ status: string; messages: { body: string }[] }>>(
      `/api/v1/support/tickets/${id}`,
      { token },
    );
    expect(ticket.json.data.status).toBe('awaiting_support');
    expect(ticket.json.data.messages.map((m) => m.body)).toEqual(['Still broken after a reboot.']);
  });

  it("refuses mail from anyone but the address's recipient", async () => {
    const { api, customer, token, id } = await ticketOf();
    const stranger = await createTestUser();
    const numeric = Number(id.replace('ticket_', ''));
    const res = await post(
      client(),
      mail(stranger.email, replyAddress(numeric, customer.id), 'Let me in'),
      `Bearer ${SECRET}`,
    );
    expect(res.json).toMatchObject({
      outcome: 'refused',
      reason: expect.stringMatching(/recipient/),
    });
    const ticket = await api<V1Success<{ messages: unknown[] }>>(`/api/v1/support/tickets/${id}`, {
      token,
    });
    expect(ticket.json.data.messages).toEqual([]);
  });
});
