import { upsertUser } from '../lib/accounts/users';
import { db } from '../lib/db/client';
import { stopBoss } from '../lib/jobs/boss';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seedDemoPurchase, seedReleases } from './demo-releases';
import { seedDemoTickets } from './demo-tickets';
import { DEMO_ALERTS, DEMO_CONTRACTS, DEMO_EQUIPMENT, SERVICE_TIERS } from './demo-contracts';

const DAY = 86_400_000;

/** Tiers, and document 1's contracts with equipment and alerts for the demo customer. */
export async function seedContracts(customerId: number): Promise<void> {
  const now = Date.now();
  for (const tier of SERVICE_TIERS) {
    const data = { rank: tier.rank, features: [...tier.features] };
    await db.serviceTier.upsert({
      where: { name: tier.name },
      create: { name: tier.name, ...data },
      update: data,
    });
  }
  const tiers = new Map((await db.serviceTier.findMany()).map((t) => [t.name, t.id]));
  for (const c of DEMO_CONTRACTS) {
    const data = {
      userId: customerId,
      name: c.name,
      status: c.status,
      startDate: new Date(`${c.startDate}T00:00:00Z`),
      endDate: new Date(`${c.endDate}T00:00:00Z`),
      serviceTierId: tiers.get(c.tier) ?? 0,
    };
    await db.contract.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
  }
  for (const { installedDaysAgo, ...e } of DEMO_EQUIPMENT) {
    const data = { ...e, userId: customerId, installedAt: new Date(now - installedDaysAgo * DAY) };
    await db.equipment.upsert({ where: { id: e.id }, create: data, update: data });
  }
  const contractOf = new Map(DEMO_EQUIPMENT.map((e) => [e.id, e.contractId]));
  for (const a of DEMO_ALERTS) {
    const raisedAt = new Date(now - a.daysAgo * DAY);
    const data = {
      equipmentId: a.equipmentId,
      contractId: contractOf.get(a.equipmentId) ?? 0,
      userId: customerId,
      severity: a.severity,
      message: a.message,
      raisedAt,
      acknowledgedAt: a.acknowledged ? new Date(raisedAt.getTime() + 600_000) : null,
      resolvedAt: a.resolved ? new Date(raisedAt.getTime() + 3_600_000) : null,
    };
    await db.alert.upsert({ where: { id: a.id }, create: { id: a.id, ...data }, update: data });
  }
  // Explicit ids above must not collide with the ones the sequences hand out later.
  for (const table of ['contracts', 'equipment', 'alerts']) {
    await db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 10000))`,
    );
  }
}

/** `npm run db:seed`: idempotent demo data. */
export async function seed(): Promise<void> {
  const ids: Record<string, number> = {};
  for (const [key, account] of Object.entries(DEMO_ACCOUNTS)) {
    ids[key] = (await upsertUser(account)).id;
  }
  await seedContracts(ids.customer ?? 0);
  await seedReleases();
  await seedDemoPurchase(ids.customer ?? 0);
  await seedDemoTickets(ids.customer ?? 0, ids.agent ?? 0);
  // The tickets' e-mails were queued on pg-boss: close its pool, or the process never exits.
  await stopBoss();
}

if (process.argv[1]?.endsWith('seed.ts')) {
  seed()
    .then(async () => {
      console.log(
        'Seeded the demo accounts, contracts, equipment, alerts, releases, a past purchase and tickets',
      );
      await db.$disconnect();
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
