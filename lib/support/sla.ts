import type { TicketPriority } from '@/lib/db/generated/enums';

/**
 * Service-level targets: when a ticket's next answer falls due, and how that stands now. Pure
 * functions over a schedule, so they are tested without a clock or a database.
 *
 * The clock runs only while the customer waits for support: a new ticket gets the first-response
 * target, a customer's reply the next-response target, and an agent's public reply or a
 * resolution stops it (the ticket's `slaDueAt` becomes null), which is how it pauses while the
 * ticket awaits the customer.
 */
export interface BusinessHours {
  /** Days the clock runs, 0 = Sunday (as Date#getUTCDay). */
  days: ReadonlySet<number>;
  /** Minutes after midnight UTC: the clock runs in [start, end). */
  start: number;
  end: number;
}

export type SlaState = 'ok' | 'due_soon' | 'breached';

export type SlaTargets = Record<Lowercase<TicketPriority>, number>;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** `24x7` → null (always running); `mon-fri 09:00-17:00` → those days and hours, in UTC. */
export function parseBusinessHours(value: string): BusinessHours | null {
  if (value === '24x7') return null;
  const match = /^(\w{3})(?:-(\w{3}))? (\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(value);
  if (!match) throw new Error(`unreadable business hours: ${value}`);
  const [, from = '', to, sh, sm, eh, em] = match;
  const first = DAY_NAMES.indexOf(from);
  const last = DAY_NAMES.indexOf(to ?? from);
  const days = new Set<number>();
  for (let d = first; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === last) break;
  }
  const start = Number(sh) * 60 + Number(sm);
  const end = Number(eh) * 60 + Number(em);
  if (end <= start) throw new Error(`business hours end before they start: ${value}`);
  return { days, start, end };
}

function startOfUtcDay(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** The moment `minutes` of business time after `from`. */
export function addBusinessMinutes(from: Date, minutes: number, hours: BusinessHours | null): Date {
  if (!hours) return new Date(from.getTime() + minutes * MINUTE);
  let left = minutes * MINUTE;
  let t = from.getTime();
  // Walk day by day: at most a year of days, so a schedule can never loop forever.
  for (let i = 0; i < 366 * 2; i += 1) {
    const day = startOfUtcDay(t);
    const open = day + hours.start * MINUTE;
    const close = day + hours.end * MINUTE;
    if (hours.days.has(new Date(day).getUTCDay()) && t < close) {
      const begin = Math.max(t, open);
      if (begin + left <= close) return new Date(begin + left);
      left -= close - begin;
    }
    t = day + DAY_MINUTES * MINUTE;
  }
  return new Date(t);
}

/** Business time between two moments, in milliseconds (negative when `to` is before `from`). */
export function businessMsBetween(from: Date, to: Date, hours: BusinessHours | null): number {
  if (!hours) return to.getTime() - from.getTime();
  if (to < from) return -businessMsBetween(to, from, hours);
  let total = 0;
  let t = from.getTime();
  while (t < to.getTime()) {
    const day = startOfUtcDay(t);
    const next = day + DAY_MINUTES * MINUTE;
    if (hours.days.has(new Date(day).getUTCDay())) {
      const begin = Math.max(t, day + hours.start * MINUTE);
      const end = Math.min(to.getTime(), day + hours.end * MINUTE);
      if (end > begin) total += end - begin;
    }
    t = next;
  }
  return total;
}

/**
 * Where a running clock stands: breached past the due time, due soon with under a quarter of the
 * target left, otherwise ok. A stopped clock (no due time) has no state.
 */
export function slaState(
  dueAt: Date | null,
  targetMinutes: number | null,
  now: Date,
  hours: BusinessHours | null,
): SlaState | null {
  if (!dueAt || !targetMinutes) return null;
  const left = businessMsBetween(now, dueAt, hours);
  if (left <= 0) return 'breached';
  return left < (targetMinutes * MINUTE) / 4 ? 'due_soon' : 'ok';
}
