/**
 * Issue 9 over HTTP: document 2's support tickets on /api/v1 and the agents' API on /api/staff.
 * Each test makes its own customers and agent; an internal note carries a marker that no
 * customer-facing answer may contain.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContracts } from '../support/contracts';
import { grantLicense } from '../support/licenses';
import { client, type ApiResponse } from '../support/http';
import { createTestUser, type TestUser } from '../support/users';
import {
  ISO_SECONDS,
  expectStatus,
  expectV1Error,
  explain,
  login,
  type V1Success,
} from '../support/v1';

interface MessageJson {
  id: string;
  ticketId: string;
  body: string;
  internal?: boolean;
  author: { name: string; role: 'customer' | 'agent'; id?: number };
  createdAt: string;
}

interface TicketJson {
  id: string;
  subject: string;
  description: string;
  category: string;
  priority: string;
  status: string;
  contractId: number | null;
  purchaseId: string | null;
  followUpOf: string | null;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  messages: MessageJson[];
  rating: { rating: string; comment: string | null } | null;
  canRate: boolean;
}

interface StaffTicketJson extends TicketJson {
  customer: { id: number; email: string; name: string };
  assignee: { id: number; name: string } | null;
  sla: { dueAt: string | null; targetMinutes: number | null; state: string | null };
  messageCount: number;
}

interface PageJson<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
  total_pages: number;
}

const api = client();
let agent: TestUser;
let agentToken = '';

/** Document 2's example, sent as its curl does: JSON with no Content-Type. */
const DOCUMENT_EXAMPLE = {
  subject: 'Installation Issue',
  description: 'Cannot install on Windows 11',
  category: 'technical',
  priority: 'medium',
};

async function customer() {
  const user = await createTestUser();
  const { access } = await login(api, user);
  return { user, token: access };
}

async function open(token: string, body: Record<string, unknown> = DOCUMENT_EXAMPLE) {
  const res = await api<V1Success<TicketJson>>('/api/v1/support/tickets', { token, json: body });
  expectStatus(res, 201);
  return res.json.data;
}

function staff<T>(path: string, init: Parameters<typeof api>[1] = {}) {
  return api<V1Success<T>>(path, { ...init, token: agentToken });
}

beforeAll(async () => {
  agent = await createTestUser({ role: 'SUPPORT_AGENT', firstName: 'Alice' });
  agentToken = (await login(api, agent)).access;
});

describe('customer tickets (/api/v1/support)', () => {
  it("opens document 2's example, lists it and shows it", async () => {
    const { token } = await customer();
    const res = await api<V1Success<TicketJson>>('/api/v1/support/tickets', {
      method: 'POST',
      token,
      body: JSON.stringify(DOCUMENT_EXAMPLE),
    });
    expectStatus(res, 201);
    const ticket = res.json.data;
    expect(ticket).toMatchObject({
      subject: 'Installation Issue',
      description: 'Cannot install on Windows 11',
      category: 'technical',
      priority: 'medium',
      status: 'open',
      contractId: null,
      purchaseId: null,
      messages: [],
      rating: null,
      canRate: false,
    });
    expect(ticket.id).toMatch(/^ticket_[1-9]\d*$/);
    for (const t of [ticket.createdAt, ticket.updatedAt, ticket.lastMessageAt]) {
      expect(t).toMatch(ISO_SECONDS);
    }

    const list = await api<V1Success<PageJson<TicketJson>>>('/api/v1/support/tickets', { token });
    expectStatus(list, 200);
    expect(list.json.data).toMatchObject({ page: 1, page_size: 20, total: 1, total_pages: 1 });
    expect(list.json.data.items.map((t) => t.id)).toEqual([ticket.id]);

    const detail = await api<V1Success<TicketJson>>(`/api/v1/support/tickets/${ticket.id}`, {
      token,
    });
    expectStatus(detail, 200);
    expect(detail.json.data).toEqual(ticket);
  });

  it('walks a ticket through replies, resolution, rating and reopening', async () => {
    const { token } = await customer();
    const ticket = await open(token);
    const base = `/api/v1/support/tickets/${ticket.id}`;

    const reply = await staff<MessageJson>(`/api/staff/tickets/${ticket.id}/messages`, {
      json: { body: 'Which installer did you run?', internal: false },
    });
    expectStatus(reply, 201);
    let now = await api<V1Success<TicketJson>>(base, { token });
    expect(now.json.data.status).toBe('awaiting_customer');
    expect(now.json.data.messages).toEqual([
      expect.objectContaining({
        body: 'Which installer did you run?',
        author: { name: 'Alice (Support)', role: 'agent' },
      }),
    ]);

    const answer = await api<V1Success<MessageJson>>(`${base}/messages`, {
      token,
      json: { body: 'The 2.0.0 one.\nIt stops at 40%.' },
    });
    expectStatus(answer, 201);
    expect(answer.json.data).toMatchObject({
      ticketId: ticket.id,
      body: 'The 2.0.0 one.\nIt stops at 40%.',
      author: { role: 'customer' },
    });
    expect(answer.json.data.id).toMatch(/^message_\d+$/);
    now = await api<V1Success<TicketJson>>(base, { token });
    expect(now.json.data.status).toBe('awaiting_support');

    const resolved = await api<V1Success<TicketJson>>(`${base}/resolve`, {
      method: 'POST',
      token,
    });
    expectStatus(resolved, 200);
    expect(resolved.json.data).toMatchObject({ status: 'resolved', canRate: true });
    expect(resolved.json.data.resolvedAt).toMatch(ISO_SECONDS);
    // Resolving again changes nothing.
    const again = await api<V1Success<TicketJson>>(`${base}/resolve`, { method: 'POST', token });
    expect(again.json.data.resolvedAt).toBe(resolved.json.data.resolvedAt);

    const rated = await api<V1Success<TicketJson>>(`${base}/rating`, {
      token,
      json: { rating: 'good', comment: 'Quick and clear' },
    });
    expectStatus(rated, 201);
    expect(rated.json.data).toMatchObject({
      rating: { rating: 'good', comment: 'Quick and clear' },
      canRate: false,
    });
    expectV1Error(await api(`${base}/rating`, { token, json: { rating: 'bad' } }), 409, 'CONFLICT');

    const reopened = await api<V1Success<TicketJson>>(`${base}/reopen`, {
      method: 'POST',
      token,
    });
    expectStatus(reopened, 200);
    expect(reopened.json.data).toMatchObject({ status: 'awaiting_support', resolvedAt: null });
    // A new resolution may be rated again.
    await api(`${base}/resolve`, { method: 'POST', token });
    const second = await api<V1Success<TicketJson>>(`${base}/rating`, {
      token,
      json: { rating: 'bad' },
    });
    expectStatus(second, 201);
    expect(second.json.data.rating).toEqual({ rating: 'bad', comment: null });

    // A customer's reply reopens a resolved ticket.
    await api(`${base}/messages`, { token, json: { body: 'It broke again.' } });
    now = await api<V1Success<TicketJson>>(base, { token });
    expect(now.json.data.status).toBe('awaiting_support');
  });

  it('filters the list by status and paginates', async () => {
    const { token } = await customer();
    const tickets = [];
    for (let i = 0; i < 3; i += 1) tickets.push(await open(token, { ...DOCUMENT_EXAMPLE }));
    await api(`/api/v1/support/tickets/${tickets[0]?.id}/resolve`, { method: 'POST', token });
    const resolved = await api<V1Success<PageJson<TicketJson>>>(
      '/api/v1/support/tickets?status=resolved',
      { token },
    );
    expect(resolved.json.data.items.map((t) => t.id)).toEqual([tickets[0]?.id]);
    const page2 = await api<V1Success<PageJson<TicketJson>>>(
      '/api/v1/support/tickets?page=2&page_size=2',
      { token },
    );
    expect(page2.json.data).toMatchObject({ page: 2, page_size: 2, total: 3, total_pages: 2 });
    expect(page2.json.data.items).toHaveLength(1);
    expectV1Error(
      await api('/api/v1/support/tickets?status=pending', { token }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("refers to the customer's own contract and purchase; another's is a 404", async () => {
    const { user, token } = await customer();
    const stranger = await createTestUser();
    const [mine, theirs] = await Promise.all([
      createContracts(user.id),
      createContracts(stranger.id),
    ]);
    const [myPurchase, theirPurchase] = await Promise.all([
      grantLicense(user.id),
      grantLicense(stranger.id),
    ]);
    const ticket = await open(token, {
      ...DOCUMENT_EXAMPLE,
      contractId: mine.contractIds[0],
      purchaseId: `purchase_${myPurchase.id}`,
    });
    expect(ticket).toMatchObject({
      contractId: mine.contractIds[0],
      purchaseId: `purchase_${myPurchase.id}`,
    });
    for (const body of [
      { contractId: theirs.contractIds[0] },
      { purchaseId: `purchase_${theirPurchase.id}` },
    ]) {
      const res = await api('/api/v1/support/tickets', {
        token,
        json: { ...DOCUMENT_EXAMPLE, ...body },
      });
      expectV1Error(res, 404, 'NOT_FOUND');
    }
  });

  it("answers 404 for another customer's ticket on every operation", async () => {
    const owner = await customer();
    const stranger = await customer();
    const ticket = await open(owner.token);
    const base = `/api/v1/support/tickets/${ticket.id}`;
    const calls: [string, Parameters<typeof api>[1]][] = [
      [base, {}],
      [`${base}/messages`, { json: { body: 'mine now' } }],
      [`${base}/resolve`, { method: 'POST' }],
      [`${base}/reopen`, { method: 'POST' }],
      [`${base}/rating`, { json: { rating: 'good' } }],
    ];
    for (const [path, init] of calls) {
      expectV1Error(await api(path, { ...init, token: stranger.token }), 404, 'NOT_FOUND');
    }
    const untouched = await api<V1Success<TicketJson>>(base, { token: owner.token });
    expect(untouched.json.data).toMatchObject({ status: 'open', messages: [] });
  });
});

describe('bad input', () => {
  let token = '';
  let ticketId = '';
  beforeAll(async () => {
    token = (await customer()).token;
    ticketId = (await open(token)).id;
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an empty subject', { ...DOCUMENT_EXAMPLE, subject: '   ' }, /subject must not be empty/],
    [
      'a 20,001-character description',
      { ...DOCUMENT_EXAMPLE, description: 'x'.repeat(20_001) },
      /description must be at most 20,000 characters/,
    ],
    ['an unknown category', { ...DOCUMENT_EXAMPLE, category: 'sales' }, /category must be one of/],
    ['an unknown priority', { ...DOCUMENT_EXAMPLE, priority: 'asap' }, /priority must be one of/],
    ['no subject', { description: 'x', category: 'other' }, /subject/],
    ['an unknown field', { ...DOCUMENT_EXAMPLE, status: 'closed' }, /status: is not allowed/],
    ['a NUL character', { ...DOCUMENT_EXAMPLE, subject: 'a\u0000b' }, /NUL/],
    ['a contract id that is not one', { ...DOCUMENT_EXAMPLE, contractId: 'abc' }, /contractId/],
    ['a purchase id that is not one', { ...DOCUMENT_EXAMPLE, purchaseId: '7' }, /purchaseId/],
  ];
  for (const [label, body, message] of cases) {
    it(`refuses ${label} with a 400 that says so`, async () => {
      const res = await api('/api/v1/support/tickets', { token, json: body });
      const error = expectV1Error(res, 400, 'VALIDATION_FAILED');
      expect(error.errors.join(' | '), explain(res)).toMatch(message);
    });
  }

  it('refuses a 20,001-character reply with a 400, and a body over MAX_BODY_BYTES with a 413', async () => {
    const long = await api(`/api/v1/support/tickets/${ticketId}/messages`, {
      token,
      json: { body: 'y'.repeat(20_001) },
    });
    expect(expectV1Error(long, 400, 'VALIDATION_FAILED').errors.join()).toMatch(/20,000/);
    const huge = await api(`/api/v1/support/tickets/${ticketId}/messages`, {
      token,
      json: { body: 'z'.repeat(200_000) },
    });
    expectV1Error(huge, 413);
  });

  it('stores HTML and script as the text they are', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"';
    const res = await api<V1Success<MessageJson>>(`/api/v1/support/tickets/${ticketId}/messages`, {
      token,
      json: { body: hostile },
    });
    expectStatus(res, 201);
    expect(res.json.data.body).toBe(hostile);
  });

  it('answers a closed ticket 409 TICKET_CLOSED with a link to a follow-up, which works', async () => {
    const fresh = await open(token);
    const closed = await staff<StaffTicketJson>(`/api/staff/tickets/${fresh.id}`, {
      method: 'PATCH',
      json: { status: 'closed' },
    });
    expectStatus(closed, 200);
    const res = await api(`/api/v1/support/tickets/${fresh.id}/messages`, {
      token,
      json: { body: 'One more thing' },
    });
    const error = expectV1Error(res, 409, 'TICKET_CLOSED');
    expect(error.message).toMatch(/closed/);
    expect(error.link).toMatch(new RegExp(`/support/new\\?followUpOf=${fresh.id}$`));
    const followUp = await open(token, { ...DOCUMENT_EXAMPLE, followUpOf: fresh.id });
    expect(followUp.followUpOf).toBe(fresh.id);
  });
});

describe("agents' API (/api/staff)", () => {
  it('answers a customer 403 on every staff operation, and an agent 200', async () => {
    const { token } = await customer();
    const ticket = await open(token);
    const calls: [string, Parameters<typeof api>[1]][] = [
      ['/api/staff/tickets', {}],
      [`/api/staff/tickets/${ticket.id}`, {}],
      [`/api/staff/tickets/${ticket.id}`, { method: 'PATCH', json: { priority: 'high' } }],
      [`/api/staff/tickets/${ticket.id}/messages`, { json: { body: 'hi', internal: true } }],
      [`/api/staff/tickets/${ticket.id}/merge`, { json: { targetId: ticket.id } }],
    ];
    for (const [path, init] of calls) {
      expectV1Error(await api(path, { ...init, token }), 403, 'FORBIDDEN');
    }
    expectStatus(await staff('/api/staff/tickets'), 200);
    expectStatus(await staff(`/api/staff/tickets/${ticket.id}`), 200);
    expectV1Error(await staff('/api/staff/tickets/ticket_2147483000'), 404, 'NOT_FOUND');
    expectV1Error(await staff('/api/staff/tickets/abc'), 400, 'VALIDATION_FAILED');
    // A search with a NUL (PostgreSQL text cannot hold one) is the caller's mistake, not a 500.
    const nul = await staff('/api/staff/tickets?q=camera%00');
    expect(expectV1Error(nul, 400, 'VALIDATION_FAILED').errors.join()).toMatch(/NUL/);
  });

  it('keeps internal notes from every customer-facing answer, merges included', async () => {
    const { token } = await customer();
    const marker = `NOTE-${randomBytes(8).toString('hex')}`;
    const first = await open(token);
    const second = await open(token, { ...DOCUMENT_EXAMPLE, subject: 'Second issue' });
    const note = await staff<MessageJson>(`/api/staff/tickets/${first.id}/messages`, {
      json: { body: `Customer seems confused ${marker}`, internal: true },
    });
    expectStatus(note, 201);
    expect(note.json.data.internal).toBe(true);
    await staff(`/api/staff/tickets/${first.id}/messages`, {
      json: { body: 'Public answer', internal: false },
    });
    const merged = await staff<StaffTicketJson>(`/api/staff/tickets/${first.id}/merge`, {
      json: { targetId: second.id },
    });
    expectStatus(merged, 200);
    expect(merged.json.data.id).toBe(second.id);
    expect(merged.json.data.messages.find((m) => m.body.includes(marker))?.internal).toBe(true);

    // A reply addressed to the merged ticket lands in the surviving one.
    const late = await api<V1Success<MessageJson>>(`/api/v1/support/tickets/${first.id}/messages`, {
      token,
      json: { body: 'Replying to the old one' },
    });
    expectStatus(late, 201);
    expect(late.json.data.ticketId).toBe(second.id);

    const answers: ApiResponse<unknown>[] = [
      await api('/api/v1/support/tickets', { token }),
      await api(`/api/v1/support/tickets/${first.id}`, { token }),
      await api(`/api/v1/support/tickets/${second.id}`, { token }),
      await api('/api/v1/support/tickets?status=closed', { token }),
      await api('/api/v1/dashboard', { token }),
    ];
    for (const res of answers) {
      expect(res.status, explain(res)).toBe(200);
      expect(res.text).not.toContain(marker);
    }
    const survivor = (answers[2] as ApiResponse<V1Success<TicketJson>>).json.data;
    expect(survivor.messages.map((m) => m.body)).toEqual([
      'Public answer',
      'Replying to the old one',
    ]);
    const old = (answers[1] as ApiResponse<V1Success<TicketJson>>).json.data;
    expect(old).toMatchObject({ status: 'closed', mergedInto: second.id, messages: [] });
  });

  it('sorts the queue by SLA, filters it and searches it', async () => {
    const { user, token } = await customer();
    const word = `zq${randomBytes(5).toString('hex')}`;
    const low = await open(token, { ...DOCUMENT_EXAMPLE, priority: 'low', subject: `Low ${word}` });
    const urgent = await open(token, { ...DOCUMENT_EXAMPLE, priority: 'urgent' });
    await staff(`/api/staff/tickets/${urgent.id}/messages`, {
      json: { body: `Looked into ${word} logs`, internal: true },
    });
    const mine = await staff<PageJson<StaffTicketJson>>(
      `/api/staff/tickets?q=${word}&page_size=100`,
    );
    expectStatus(mine, 200);
    // Urgent's first response falls due in an hour, low's in a day: urgent comes first.
    expect(mine.json.data.items.map((t) => t.id)).toEqual([urgent.id, low.id]);
    const [u] = mine.json.data.items;
    expect(u?.customer).toMatchObject({ id: user.id, email: user.email });
    expect(u?.sla).toMatchObject({ targetMinutes: 60, state: 'ok' });
    expect(u?.sla.dueAt).toMatch(ISO_SECONDS);

    const assigned = await staff<StaffTicketJson>(`/api/staff/tickets/${low.id}`, {
      method: 'PATCH',
      json: { assigneeId: agent.id, priority: 'high' },
    });
    expectStatus(assigned, 200);
    expect(assigned.json.data).toMatchObject({
      assignee: { id: agent.id },
      priority: 'high',
      sla: { targetMinutes: 240 },
    });
    const byAgent = await staff<PageJson<StaffTicketJson>>(
      `/api/staff/tickets?assignee=me&q=${word}`,
    );
    expect(byAgent.json.data.items.map((t) => t.id)).toEqual([low.id]);
    const byPriority = await staff<PageJson<StaffTicketJson>>(
      `/api/staff/tickets?priority=urgent&q=${word}`,
    );
    expect(byPriority.json.data.items.map((t) => t.id)).toEqual([urgent.id]);

    // A public reply stops the clock: the ticket awaits the customer.
    await staff(`/api/staff/tickets/${urgent.id}/messages`, {
      json: { body: 'On it', internal: false },
    });
    const paused = await staff<StaffTicketJson>(`/api/staff/tickets/${urgent.id}`);
    expect(paused.json.data).toMatchObject({
      status: 'awaiting_customer',
      sla: { dueAt: null, state: null },
    });

    const notAgent = await staff(`/api/staff/tickets/${low.id}`, {
      method: 'PATCH',
      json: { assigneeId: user.id },
    });
    expectV1Error(notAgent, 400, 'VALIDATION_FAILED');
    expectV1Error(
      await staff(`/api/staff/tickets/${low.id}`, { method: 'PATCH', json: {} }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
