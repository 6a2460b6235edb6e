/**
 * No N+1 (issue 3): the dashboard and the contract list send the same, small number of SQL
 * queries for a customer with 1 contract and for one with 200 (with equipment and alerts).
 * Counted by wrapping `query` on the pg client class behind lib/db/client's pool, which Prisma
 * uses through @prisma/adapter-pg, so every statement Prisma sends is seen.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDashboard, getDashboardCounts, listContracts } from '@/lib/contracts/read';
import { db, pool } from '@/lib/db/client';
import { createTestUser } from '../support/users';

/**
 * Today's counts, as ceilings: the dashboard's seven reads plus two for the recent alerts'
 * contract and equipment (Prisma loads a relation select with one `IN (...)` query each);
 * the list's page, count and tiers.
 */
const MAX_QUERIES = { dashboard: 5, contracts: 3 };
const DAY = 86_400_000;

type Query = (this: pg.ClientBase, ...args: unknown[]) => unknown;
interface QueryHost {
  query: Query;
}

let host: QueryHost;
let original: Query;
let log: string[] | undefined;

function sqlOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  const text = (arg as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : String(arg);
}

/** The SQL statements `fn` sends, in order. */
async function queriesOf(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  log = seen;
  try {
    await fn();
  } finally {
    log = undefined;
  }
  return seen;
}

beforeAll(async () => {
  // The class the pool really instantiates (pg may be loaded twice: ESM and CommonJS).
  const client = await pool.connect();
  host = Object.getPrototypeOf(client) as QueryHost;
  client.release();
  original = host.query;
  host.query = function (this: pg.ClientBase, ...args: unknown[]) {
    log?.push(sqlOf(args[0]).replace(/\s+/g, ' ').slice(0, 200));
    return original.apply(this, args);
  };
});

afterAll(() => {
  host.query = original;
});

/**
 * `count` contracts with 2 pieces of equipment each and 3 alerts per piece (over the last 30
 * days, every third one still active), set-based.
 */
async function giveContracts(userId: number, count: number): Promise<void> {
  const tier = await db.serviceTier.upsert({
    where: { name: 'Standard' },
    create: { name: 'Standard', rank: 2, features: ['24/7 Monitoring'] },
    update: {},
    select: { id: true },
  });
  const contracts = await db.contract.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      userId,
      name: `Query count site ${i + 1}`,
      status: i % 4 === 3 ? ('INACTIVE' as const) : ('ACTIVE' as const),
      startDate: new Date('2024-01-01T00:00:00Z'),
      endDate: new Date('2027-01-01T00:00:00Z'),
      serviceTierId: tier.id,
    })),
    select: { id: true },
  });
  const equipment = await db.equipment.createManyAndReturn({
    data: contracts.flatMap((c) =>
      [0, 1].map((i) => ({
        contractId: c.id,
        userId,
        kind: i === 0 ? ('CAMERA' as const) : ('SENSOR' as const),
        model: 'SenseCam 4K',
        serial: `QC-${c.id}-${i}`,
        location: `Zone ${i + 1}`,
        installedAt: new Date('2024-02-01T00:00:00Z'),
        status: c.id % 5 === 0 ? ('FAULTY' as const) : ('ONLINE' as const),
      })),
    ),
    select: { id: true, contractId: true },
  });
  const now = Date.now();
  await db.alert.createMany({
    data: equipment.flatMap((e, n) =>
      [0, 1, 2].map((i) => {
        const raisedAt = new Date(now - ((n * 3 + i) % 30) * DAY - 3_600_000);
        return {
          equipmentId: e.id,
          contractId: e.contractId,
          userId,
          severity: 'HIGH' as const,
          message: `Query count alert ${i + 1}`,
          raisedAt,
          acknowledgedAt: i === 1 ? new Date(raisedAt.getTime() + 60_000) : null,
          resolvedAt: i === 0 ? null : new Date(raisedAt.getTime() + 120_000),
        };
      }),
    ),
  });
}

describe('SQL queries per read (no N+1)', () => {
  it('getDashboard and listContracts send as many queries for 200 contracts as for 1', async () => {
    const [one, many] = await Promise.all([createTestUser(), createTestUser()]);
    await giveContracts(one.id, 1);
    await giveContracts(many.id, 200);
    // Warm up: the first use of a connection or a query shape may cost extra round trips.
    await getDashboard(one.id);
    await listContracts({ userId: one.id, page: 1, pageSize: 20 });

    const counts: Record<string, number> = {};
    const seen: Record<string, string[]> = {};
    for (const [who, user, contracts] of [
      ['1 contract', one, 1],
      ['200 contracts', many, 200],
    ] as const) {
      let dashboard: Awaited<ReturnType<typeof getDashboard>> | undefined;
      const dashboardSql = await queriesOf(async () => {
        dashboard = await getDashboard(user.id);
      });
      let list: Awaited<ReturnType<typeof listContracts>> | undefined;
      const listSql = await queriesOf(async () => {
        list = await listContracts({ userId: user.id, page: 1, pageSize: 20 });
      });
      // The reads really read this customer's rows.
      expect(dashboard?.contractCount).toBe(contracts);
      expect(dashboard?.equipmentCount).toBe(contracts * 2);
      expect(dashboard?.activeAlerts).toBe(contracts * 2);
      expect(dashboard?.recentAlerts.length).toBe(Math.min(5, contracts * 2));
      expect(list?.total).toBe(contracts);
      expect(list?.items.length).toBe(Math.min(20, contracts));

      counts[`dashboard, ${who}`] = dashboardSql.length;
      counts[`contracts, ${who}`] = listSql.length;
      seen[`dashboard, ${who}`] = dashboardSql;
      seen[`contracts, ${who}`] = listSql;
    }
    const explain = JSON.stringify({ counts, seen }, null, 2);
    console.log(`SQL queries per read: ${JSON.stringify(counts)}`);

    // The counter sees Prisma's statements (a wrapper in the wrong place would count 0).
    expect(counts['dashboard, 1 contract'], explain).toBeGreaterThan(0);
    expect(counts['contracts, 1 contract'], explain).toBeGreaterThan(0);
    expect(counts['dashboard, 200 contracts'], explain).toBe(counts['dashboard, 1 contract']);
    expect(counts['contracts, 200 contracts'], explain).toBe(counts['contracts, 1 contract']);
    expect(counts['dashboard, 200 contracts'], explain).toBeLessThanOrEqual(MAX_QUERIES.dashboard);
    expect(counts['contracts, 200 contracts'], explain).toBeLessThanOrEqual(MAX_QUERIES.contracts);
  });

  it('getDashboardCounts (behind /client/dashboard) answers in one statement', async () => {
    const user = await createTestUser();
    await giveContracts(user.id, 3);
    await getDashboardCounts(user.id);
    let counts: Awaited<ReturnType<typeof getDashboardCounts>> | undefined;
    const sql = await queriesOf(async () => {
      counts = await getDashboardCounts(user.id);
    });
    expect(sql, JSON.stringify(sql)).toHaveLength(1);
    expect(counts).toMatchObject({ contractCount: 3, equipmentCount: 6, activeAlerts: 6 });
  });
});
