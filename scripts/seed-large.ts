/**
 * `npm run db:seed:large [-- --reset] [-- --scale=0.1]`: the performance data set (issue 3).
 *
 * Fills the database resolveDatabaseUrl() names (DATABASE_URL, else the embedded server, which
 * works but is slow) with 10,000 customers (`load-<n>@example.test`), 30,000 contracts, 100,000
 * pieces of equipment and 500,000 alerts, plus ONE big customer (`load-big@example.test`) with 200
 * contracts, 2,000 pieces of equipment and 20,000 alerts for the benchmark. Every customer signs
 * in with LOAD_PASSWORD (one bcrypt hash, computed once).
 *
 * Set-based SQL only (INSERT ... SELECT FROM generate_series), in one transaction, through the
 * app's pg pool; random() is seeded, so two runs on empty databases make the same spread. Refuses
 * to run when the load customers already exist, unless --reset deletes them first. VACUUM
 * (ANALYZE) at the end. scripts/bench-contracts.ts imports seedLarge().
 */
import type { PoolClient } from 'pg';
import { hashPassword } from '../lib/auth/password';
import { pool } from '../lib/db/client';
import { SERVICE_TIERS } from '../prisma/demo-contracts';

export const LOAD_PASSWORD = 'Load-Test-Password-1';
export const BIG_CUSTOMER_EMAIL = 'load-big@example.test';
/** Every load customer's e-mail matches this LIKE pattern (and no other account's does). */
const LOAD_EMAILS = 'load-%@example.test';

export const FULL_SCALE = {
  customers: 10_000,
  contracts: 30_000,
  equipment: 100_000,
  alerts: 500_000,
};
export const BIG_CUSTOMER = { contracts: 200, equipment: 2_000, alerts: 20_000 };

export interface SeedLargeOptions {
  /** Delete the load customers (and everything they own) first instead of refusing. */
  reset?: boolean;
  /** Multiplies the regular customers' counts (not the big customer's); 1 is the full set. */
  scale?: number;
  log?: (message: string) => void;
}

export interface SeedLargeResult {
  customers: number;
  contracts: number;
  equipment: number;
  alerts: number;
  bigCustomerId: number;
  ms: number;
}

interface Counts {
  customers: number;
  contracts: number;
  equipment: number;
  alerts: number;
}

export class LoadDataExistsError extends Error {
  override name = 'LoadDataExistsError';
}

const LOCATIONS = [
  'Lobby',
  'Main entrance',
  'Parking lot',
  'Loading dock',
  'Server room',
  'Reception',
  'Back door',
  'Stairwell',
  'Warehouse floor',
  'Office 2F',
  'Roof access',
  'Storage room',
];
const SITES = [
  'Main Office',
  'Warehouse',
  'Retail Store',
  'Branch Office',
  'Data Center',
  'Parking Garage',
  'Distribution Hub',
  'Head Office',
];
const SERVICES = ['Monitoring', 'Coverage', 'Security', 'Access Control'];

/** A SQL array literal of constant strings (ours, never user input), quotes doubled. */
const sqlArray = (xs: readonly string[]) =>
  `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;
/** Picks one of the array's elements with the uniform number `r` in [0, 1). */
const pick = (xs: readonly string[], r: string) =>
  `(${sqlArray(xs)})[1 + floor(${r} * ${xs.length})::int]`;

const elapsed = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

/**
 * Creates `<p>_users`, `<p>_contracts`, `<p>_equipment` temp tables mapping 1..n to the new rows'
 * ids, so the next level can pick its parent with a random row number. Row i <= n_parents always
 * picks parent i, so every customer has a contract and every contract a piece of equipment; the
 * rest are skewed towards the first parents (a few customers own much more than the median).
 */
async function generate(
  client: PoolClient,
  p: string,
  users: { from: number; to: number; emailSql: string; lastNameSql: string; hash: string },
  counts: Omit<Counts, 'customers'>,
  tiers: { basic: number; standard: number; premium: number },
  log: (message: string) => void,
): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  await q(`CREATE TEMP TABLE ${p}_users (rn int PRIMARY KEY, id int NOT NULL) ON COMMIT DROP`);
  await q(
    `CREATE TEMP TABLE ${p}_contracts (rn int PRIMARY KEY, id int NOT NULL, user_id int NOT NULL,
       start_date date NOT NULL) ON COMMIT DROP`,
  );
  await q(
    `CREATE TEMP TABLE ${p}_equipment (rn int PRIMARY KEY, id int NOT NULL, contract_id int NOT NULL,
       user_id int NOT NULL, kind "EquipmentKind" NOT NULL, installed_at timestamp(3) NOT NULL)
     ON COMMIT DROP`,
  );

  let start = Date.now();
  await q(
    `WITH ins AS (
       INSERT INTO users (email, password_hash, first_name, last_name, phone, company, address,
                          name_on_contract, role, active, email_verified_at, created_at, updated_at)
       SELECT ${users.emailSql}, $1, 'Load', ${users.lastNameSql},
              '+1-555-' || lpad((g % 10000)::text, 4, '0'),
              CASE WHEN g % 3 = 0 THEN NULL ELSE 'Load Company ' || (g % 700) END,
              g || ' Benchmark Avenue, Springfield',
              'Load ' || ${users.lastNameSql},
              'CUSTOMER', g = 0 OR g % 50 <> 0, created + interval '1 hour', created, created
         FROM (SELECT g, date_trunc('second', now() - random() * interval '1500 days') AS created
                 FROM generate_series($2::int, $3::int) g) s
       RETURNING id
     )
     INSERT INTO ${p}_users SELECT row_number() OVER (ORDER BY id), id FROM ins`,
    // The big customer is g = 0 (always active); the others 1..n.
    [users.hash, users.from, users.to],
  );
  await q(`ANALYZE ${p}_users`);
  const customers = users.to - users.from + 1;
  log(`  ${customers} customers (${elapsed(start)})`);

  start = Date.now();
  await q(
    `WITH ins AS (
       INSERT INTO contracts (user_id, name, status, start_date, end_date, service_tier_id,
                              created_at, updated_at)
       SELECT u.id,
              ${pick(SITES, 's.r1')} || ' ' || ${pick(SERVICES, 's.r2')},
              (CASE WHEN s.r3 < 0.70 THEN 'ACTIVE' WHEN s.r3 < 0.85 THEN 'INACTIVE'
                    WHEN s.r3 < 0.90 THEN 'SUSPENDED' ELSE 'CANCELLED' END)::"ContractStatus",
              s.start_date,
              CASE WHEN s.r4 < 0.1 THEN NULL ELSE s.start_date + 365 * (1 + floor(s.r4 * 3)::int) END,
              CASE WHEN s.r5 < 0.3 THEN $2::int WHEN s.r5 < 0.8 THEN $3::int ELSE $4::int END,
              s.start_date, s.start_date
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                      random() AS r5, current_date - floor(random() * 1500)::int AS start_date,
                      CASE WHEN g <= $5::int THEN g
                           ELSE 1 + floor(power(random(), 1.3) * $5::int)::int END
                        AS parent
                 FROM generate_series(1, $1::int) g) s
         JOIN ${p}_users u ON u.rn = s.parent
       RETURNING id, user_id, start_date
     )
     INSERT INTO ${p}_contracts SELECT row_number() OVER (ORDER BY id), id, user_id, start_date
       FROM ins`,
    [counts.contracts, tiers.basic, tiers.standard, tiers.premium, customers],
  );
  await q(`ANALYZE ${p}_contracts`);
  log(`  ${counts.contracts} contracts (${elapsed(start)})`);

  start = Date.now();
  const models: Record<string, readonly string[]> = {
    CAMERA: ['SenseCam 4K', 'SenseCam HD', 'SenseCam Dome 360'],
    SENSOR: ['Motion Sensor M3', 'Door Contact D2', 'Glass Break GB1', 'Smoke Sensor S5'],
    PANEL: ['Guardian Panel 2', 'Guardian Panel Mini'],
    LOCK: ['SmartLock Pro', 'SmartLock Lite'],
  };
  const modelSql = Object.entries(models)
    .map(([kind, xs]) => `WHEN '${kind}' THEN ${pick(xs, 's.r1')}`)
    .join(' ');
  await q(
    `WITH ins AS (
       INSERT INTO equipment (contract_id, user_id, kind, model, serial, location, installed_at,
                              status)
       SELECT c.id, c.user_id, s.kind::"EquipmentKind",
              CASE s.kind ${modelSql} END,
              '${p.toUpperCase()}' || left(s.kind, 2) || '-' || lpad(s.g::text, 7, '0'),
              ${pick(LOCATIONS, 's.r2')},
              least(localtimestamp(0), date_trunc('second',
                c.start_date + s.r3 * (current_date - c.start_date + 1) * interval '1 day')),
              (CASE WHEN s.r4 < 0.85 THEN 'ONLINE' WHEN s.r4 < 0.95 THEN 'OFFLINE'
                    ELSE 'FAULTY' END)::"EquipmentStatus"
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                      CASE WHEN k < 0.45 THEN 'CAMERA' WHEN k < 0.75 THEN 'SENSOR'
                           WHEN k < 0.85 THEN 'PANEL' ELSE 'LOCK' END AS kind,
                      CASE WHEN g <= $2::int THEN g
                           ELSE 1 + floor(power(random(), 1.3) * $2::int)::int END
                        AS parent
                 FROM (SELECT g, random() AS k FROM generate_series(1, $1::int) g) kinds) s
         JOIN ${p}_contracts c ON c.rn = s.parent
       RETURNING id, contract_id, user_id, kind, installed_at
     )
     INSERT INTO ${p}_equipment
       SELECT row_number() OVER (ORDER BY id), id, contract_id, user_id, kind, installed_at FROM ins`,
    [counts.equipment, counts.contracts],
  );
  await q(`ANALYZE ${p}_equipment`);
  log(`  ${counts.equipment} pieces of equipment (${elapsed(start)})`);

  start = Date.now();
  const messages: Record<string, readonly string[]> = {
    CAMERA: [
      'Camera offline: no video signal',
      'Motion detected after hours',
      'Lens obstruction suspected',
      'Recording storage nearly full',
    ],
    SENSOR: [
      'Sensor heartbeat lost',
      'Motion detected in a closed zone',
      'Door opened outside schedule',
      'Sensor battery low',
    ],
    PANEL: ['Panel tamper switch triggered', 'Mains power lost', 'Panel firmware update failed'],
    LOCK: ['Lock battery below 20%', 'Forced entry attempt', 'Lock jammed'],
  };
  const messageSql = Object.entries(messages)
    .map(([kind, xs]) => `WHEN '${kind}' THEN ${pick(xs, 's.r_msg')}`)
    .join(' ');
  // Raised over the last 90 days; ~90% resolved (5 minutes to 2 days later, never in the
  // future); most resolved ones and about a third of the active ones acknowledged first.
  await q(
    `INSERT INTO alerts (equipment_id, contract_id, user_id, severity, message, raised_at,
                         acknowledged_at, resolved_at)
     SELECT e.id, e.contract_id, e.user_id,
            (CASE WHEN s.r_sev < 0.40 THEN 'LOW' WHEN s.r_sev < 0.75 THEN 'MEDIUM'
                  WHEN s.r_sev < 0.93 THEN 'HIGH' ELSE 'CRITICAL' END)::"AlertSeverity",
            CASE e.kind::text ${messageSql} END,
            s.raised_at,
            CASE WHEN (s.resolved AND s.r_ack < 0.85) OR (NOT s.resolved AND s.r_ack < 0.35)
                 THEN least(now(), s.raised_at + s.r_frac * s.takes) END,
            CASE WHEN s.resolved THEN least(now(), s.raised_at + s.takes) END
       FROM (SELECT g, random() AS r_sev, random() AS r_msg, random() AS r_ack, random() AS r_frac,
                    date_trunc('second', now() - random() * interval '90 days') AS raised_at,
                    random() < 0.9 AS resolved,
                    interval '5 minutes' + random() * interval '48 hours' AS takes,
                    CASE WHEN g <= $2::int THEN g
                         ELSE 1 + floor(power(random(), 1.5) * $2::int)::int END
                      AS parent
               FROM generate_series(1, $1::int) g) s
       JOIN ${p}_equipment e ON e.rn = s.parent`,
    [counts.alerts, counts.equipment],
  );
  log(`  ${counts.alerts} alerts (${elapsed(start)})`);
}

/** Deletes the load customers and everything they own, leaves first (set-based, not cascaded row by row). */
async function deleteLoadData(client: PoolClient): Promise<number> {
  const owners = `user_id IN (SELECT id FROM users WHERE email LIKE '${LOAD_EMAILS}')`;
  for (const table of ['alerts', 'equipment', 'contracts']) {
    await client.query(`DELETE FROM ${table} WHERE ${owners}`);
  }
  const res = await client.query(`DELETE FROM users WHERE email LIKE '${LOAD_EMAILS}'`);
  return res.rowCount ?? 0;
}

export async function seedLarge(options: SeedLargeOptions = {}): Promise<SeedLargeResult> {
  const log = options.log ?? ((m: string) => console.log(m));
  const scale = options.scale ?? 1;
  const regular: Counts = {
    customers: Math.max(1, Math.round(FULL_SCALE.customers * scale)),
    contracts: Math.max(1, Math.round(FULL_SCALE.contracts * scale)),
    equipment: Math.max(1, Math.round(FULL_SCALE.equipment * scale)),
    alerts: Math.max(1, Math.round(FULL_SCALE.alerts * scale)),
  };
  const started = Date.now();
  const hash = await hashPassword(LOAD_PASSWORD);
  const client = await pool.connect();
  try {
    const existing = await client.query<{ email: string }>(
      `SELECT email FROM users WHERE email IN ('load-1@example.test', $1)`,
      [BIG_CUSTOMER_EMAIL],
    );
    if (existing.rowCount && !options.reset) {
      throw new LoadDataExistsError(
        `the load data set is already there (${existing.rows.map((r) => r.email).join(', ')} ` +
          'exist): run with --reset to delete the load-*@example.test customers first',
      );
    }
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '64MB'`);
    // Prisma reads timestamp columns as UTC: now() must be written as UTC too.
    await client.query(`SET LOCAL TimeZone = 'UTC'`);
    await client.query('SELECT setseed(0.42)');
    if (options.reset) {
      const start = Date.now();
      const deleted = await deleteLoadData(client);
      log(`deleted ${deleted} load customers and their rows (${elapsed(start)})`);
    }

    const tierIds = new Map<string, number>();
    for (const tier of SERVICE_TIERS) {
      const res = await client.query<{ id: number }>(
        `INSERT INTO service_tiers (name, features, rank) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET features = EXCLUDED.features, rank = EXCLUDED.rank
         RETURNING id`,
        [tier.name, [...tier.features], tier.rank],
      );
      tierIds.set(tier.name, res.rows[0]?.id ?? 0);
    }
    const tiers = {
      basic: tierIds.get('Basic') ?? 0,
      standard: tierIds.get('Standard') ?? 0,
      premium: tierIds.get('Premium') ?? 0,
    };
    // prisma/seed.ts gives the demo rows fixed ids below 10,000: keep the sequences above them.
    for (const table of ['contracts', 'equipment', 'alerts']) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'),
                       GREATEST((SELECT max(id) FROM ${table}), 10000))`,
      );
    }

    log(`regular customers (load-<n>@example.test):`);
    await generate(
      client,
      'load',
      {
        from: 1,
        to: regular.customers,
        emailSql: `'load-' || g || '@example.test'`,
        lastNameSql: `'Customer ' || g`,
        hash,
      },
      regular,
      tiers,
      log,
    );
    log(`the big customer (${BIG_CUSTOMER_EMAIL}):`);
    await generate(
      client,
      'big',
      {
        from: 0,
        to: 0,
        emailSql: `'${BIG_CUSTOMER_EMAIL}'`,
        lastNameSql: `'Big Customer'`,
        hash,
      },
      BIG_CUSTOMER,
      tiers,
      log,
    );
    const big = await client.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [
      BIG_CUSTOMER_EMAIL,
    ]);
    await client.query('COMMIT');

    // ANALYZE for the planner's statistics; VACUUM sets the visibility map, as autovacuum would
    // soon after, so the counts run as index-only scans like on a database in steady state.
    const start = Date.now();
    await client.query('VACUUM (ANALYZE) users, service_tiers, contracts, equipment, alerts');
    log(`VACUUM (ANALYZE) (${elapsed(start)})`);
    return {
      customers: regular.customers + 1,
      contracts: regular.contracts + BIG_CUSTOMER.contracts,
      equipment: regular.equipment + BIG_CUSTOMER.equipment,
      alerts: regular.alerts + BIG_CUSTOMER.alerts,
      bigCustomerId: big.rows[0]?.id ?? 0,
      ms: Date.now() - started,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const { isEmbeddedDatabase, resolveDatabaseUrl } = await import('../lib/db/database-url');
  const { migrate } = await import('../lib/db/migrate');
  const scaleArg = process.argv.find((a) => a.startsWith('--scale='));
  const scale = scaleArg ? Number(scaleArg.slice('--scale='.length)) : 1;
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be in (0, 10], got ${scale}`);
  let stopEmbedded = async () => {};
  if (isEmbeddedDatabase()) {
    console.log(
      'No DATABASE_URL: seeding the embedded PostgreSQL (PGlite), which is many times slower.\n' +
        'For performance work use a real server, e.g.\n' +
        '  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_large npm run db:seed:large',
    );
    const { embeddedDatabasePort } = await import('../lib/db/database-url');
    const { ensureEmbeddedServer } = await import('../tools/embedded-db/server');
    stopEmbedded = (await ensureEmbeddedServer({ port: embeddedDatabasePort() })).stop;
  } else {
    console.log(`Database: DATABASE_URL (${new URL(resolveDatabaseUrl()).host})`);
  }
  try {
    await migrate({ databaseUrl: resolveDatabaseUrl() });
    const r = await seedLarge({ reset: process.argv.includes('--reset'), scale });
    console.log(
      `\nSeeded ${r.customers} customers, ${r.contracts} contracts, ${r.equipment} pieces of ` +
        `equipment and ${r.alerts} alerts in ${(r.ms / 1000).toFixed(1)} s.\n` +
        `Every load customer (load-1..load-${r.customers - 1}@example.test, and ` +
        `${BIG_CUSTOMER_EMAIL}, user id ${r.bigCustomerId}) signs in with: ${LOAD_PASSWORD}`,
    );
  } finally {
    await pool.end();
    await stopEmbedded();
  }
}

if (process.argv[1]?.endsWith('seed-large.ts')) {
  main().catch((err: unknown) => {
    console.error(err instanceof LoadDataExistsError ? `Refusing: ${err.message}` : err);
    process.exit(1);
  });
}
