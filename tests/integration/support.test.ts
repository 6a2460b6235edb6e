/**
 * The support domain on the real database: SLA arithmetic over business hours, the auto-close
 * of resolved tickets, internal notes kept out of every customer read, and changes to one ticket
 * applied one after the other however they race (real PostgreSQL only for the races: the embedded
 * server serves one session).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { isEmbeddedDatabase } from '@/lib/db/database-url';
import { stopBoss } from '@/lib/jobs/boss';
import {
  addBusinessMinutes,
  businessMsBetween,
  parseBusinessHours,
  slaState,
} from '@/lib/support/sla';
import {
  addCustomerMessage,
  addStaffMessage,
  closeResolvedTickets,
  createTicket,
  getTicket,
  listTickets,
  mergeTickets,
  resolveTicket,
} from '@/lib/support/tickets';
import { createTestUser } from '../support/users';

const realPostgres = !isEmbeddedDatabase();

// Ticket changes enqueue their e-mail on the job queue: close its pool when done.
afterAll(() => stopBoss());

async function ticketFor(userId: number, subject = 'Help') {
  return createTicket({
    userId,
    subject,
    description: 'Something is wrong',
    category: 'TECHNICAL',
    priority: 'MEDIUM',
  });
}

describe('SLA arithmetic', () => {
  const weekdays = parseBusinessHours('mon-fri 09:00-17:00');

  it('runs around the clock by default', () => {
    const from = new Date('2026-12-04T16:30:00Z');
    expect(parseBusinessHours('24x7')).toBeNull();
    expect(addBusinessMinutes(from, 60, null).toISOString()).toBe('2026-12-04T17:30:00.000Z');
  });

  it('counts only business hours: Friday 16:30 plus an hour is Monday 09:30', () => {
    const friday = new Date('2026-12-04T16:30:00Z');
    expect(addBusinessMinutes(friday, 60, weekdays).toISOString()).toBe('2026-12-07T09:30:00.000Z');
    const saturday = new Date('2026-12-05T12:00:00Z');
    expect(addBusinessMinutes(saturday, 30, weekdays).toISOString()).toBe(
      '2026-12-07T09:30:00.000Z',
    );
    expect(businessMsBetween(friday, new Date('2026-12-07T09:30:00Z'), weekdays)).toBe(3_600_000);
    // A week of 8-hour days.
    expect(addBusinessMinutes(friday, 5 * 8 * 60, weekdays).toISOString()).toBe(
      '2026-12-11T16:30:00.000Z',
    );
  });

  it('says due soon with under a quarter left, and breached past the due time', () => {
    const due = new Date('2026-12-04T12:00:00Z');
    const at = (iso: string) => slaState(due, 60, new Date(iso), null);
    expect(at('2026-12-04T11:00:00Z')).toBe('ok');
    expect(at('2026-12-04T11:44:00Z')).toBe('ok');
    expect(at('2026-12-04T11:46:00Z')).toBe('due_soon');
    expect(at('2026-12-04T12:00:00Z')).toBe('breached');
    expect(slaState(null, null, new Date(), null)).toBeNull();
  });
});

describe('tickets', () => {
  it('closes tickets resolved longer ago than SUPPORT_AUTO_CLOSE_DAYS, and only those', async () => {
    const user = await createTestUser();
    const [old, recent] = await Promise.all([ticketFor(user.id), ticketFor(user.id)]);
    await resolveTicket({ userId: user.id, ticketId: old.id });
    await resolveTicket({ userId: user.id, ticketId: recent.id });
    const now = new Date();
    await db.ticket.update({
      where: { id: old.id },
      data: { resolvedAt: new Date(now.getTime() - 8 * 86_400_000) },
    });
    await db.ticket.update({
      where: { id: recent.id },
      data: { resolvedAt: new Date(now.getTime() - 6 * 86_400_000) },
    });
    expect(await closeResolvedTickets(now)).toBeGreaterThanOrEqual(1);
    expect((await getTicket({ userId: user.id, ticketId: old.id })).status).toBe('CLOSED');
    expect((await getTicket({ userId: user.id, ticketId: recent.id })).status).toBe('RESOLVED');
    // Closed by itself after a resolution, it can still be rated.
    expect((await getTicket({ userId: user.id, ticketId: old.id })).canRate).toBe(true);
  });

  it('never hands an internal note to a customer read', async () => {
    const user = await createTestUser();
    const agent = await createTestUser({ role: 'SUPPORT_AGENT' });
    const ticket = await ticketFor(user.id);
    await addStaffMessage({
      actorId: agent.id,
      ticketId: ticket.id,
      body: 'secret',
      internal: true,
    });
    await addStaffMessage({
      actorId: agent.id,
      ticketId: ticket.id,
      body: 'hello',
      internal: false,
    });
    const seen = await getTicket({ userId: user.id, ticketId: ticket.id });
    expect(seen.messages.map((m) => m.body)).toEqual(['hello']);
    expect(JSON.stringify(seen)).not.toContain('secret');
    // A note is not customer activity: the list's order and the ticket's status ignore it.
    expect(seen.status).toBe('AWAITING_CUSTOMER');
  });

  it.skipIf(!realPostgres)(
    'applies 20 racing replies and a merge one after the other',
    async () => {
      const user = await createTestUser();
      const [a, b] = await Promise.all([ticketFor(user.id, 'A'), ticketFor(user.id, 'B')]);
      const replies = Array.from({ length: 20 }, (_, i) =>
        addCustomerMessage({ userId: user.id, ticketId: a.id, body: `reply ${i}` }),
      );
      const merge = mergeTickets({ sourceId: a.id, targetId: b.id });
      const results = await Promise.all([...replies, merge]);
      // Every reply landed exactly once, in A before the merge or in B after it (followed there).
      const survivor = await getTicket({ userId: user.id, ticketId: b.id });
      expect(survivor.messages.map((m) => m.body).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `reply ${i}`).sort(),
      );
      expect(results.slice(0, 20).every((r) => 'ticketId' in r)).toBe(true);
      const page = await listTickets({ userId: user.id, page: 1, pageSize: 10 });
      expect(page.items.find((t) => t.id === a.id)).toMatchObject({
        status: 'CLOSED',
        mergedIntoId: b.id,
      });
      expect(survivor.status).toBe('AWAITING_SUPPORT');
    },
  );
});
