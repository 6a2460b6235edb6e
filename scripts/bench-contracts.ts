/**
 * `npm run bench:contracts`: the contract reads on the large data set (issue 3's benchmark).
 *
 * Builds the app into .next-bench while it makes a fresh `portal_bench_contracts_<timestamp>`
 * database on this machine's PostgreSQL (127.0.0.1:5432; DATABASE_URL instead when set, the
 * embedded server as a last resort), migrates it and fills it with `npm run db:seed:large`'s data
 * set (scripts/seed-large.ts, imported). Then:
 *
 *   (a) getDashboard and listContracts called in this process for the big customer
 *       (load-big@example.test: 200 contracts, 2,000 pieces of equipment, 20,000 alerts),
 *       median of 20 each: the database's share of a request;
 *   (b) the server in production mode with generous rate limits; signed in as the big customer
 *       (POST /api/v1/auth/login), GET /api/health, GET /api/v1/dashboard and
 *       GET /api/v1/contracts under load (autocannon), req/s and p99 of each as a ratio to
 *       health's in the same run, and every non-2xx answer counted (the target is 0).
 *
 * The database it made is dropped at the end. A benchmark, not a test: it exits 0 whatever the
 * figures, non-zero only when the app could not be built, seeded or started.
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 25) shape each load phase.
 */
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { columns, elapsedMs, median, row, speeds, type Row } from './bench/measure';
import * as bench from './bench/setup';

const { say } = bench;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 25);
const DIRECT_RUNS = 20;
/** The seed's hash is made at the server's cost, so sign-in need not rehash it. */
const COST = process.env.BCRYPT_COST ?? '10';

interface V1Envelope<T> {
  success?: boolean;
  data?: T;
}

interface DashboardData {
  contract_count: number;
  equipment_count: number;
  active_alerts: number;
  unacknowledged_alerts: number;
  recent_alerts: unknown[];
}

interface ContractsPage {
  items: unknown[];
  total: number;
  total_pages: number;
}

async function main(): Promise<number> {
  const started = process.hrtime.bigint();
  const run = await bench.begin('portal_bench_contracts');
  const { distEnv, builder, build, db, state } = run;
  try {
    await bench.migrated(db);

    // The data set is made by seed-large's own code, in this process, on the bench database.
    bench.setProcessEnv({ BCRYPT_COST: COST, ...db.env });
    const { pool } = await import('../lib/db/client');
    state.close = () => pool.end();
    const seedLarge = await import('./seed-large');
    const existing = await pool.query('SELECT id FROM users WHERE email = $1', [
      seedLarge.BIG_CUSTOMER_EMAIL,
    ]);
    let bigCustomerId = Number((existing.rows[0] as { id?: number } | undefined)?.id ?? 0);
    if (bigCustomerId) {
      say(`DATABASE_URL already holds the large data set: reusing it`);
    } else {
      say('seeding the large data set ...');
      const seeded = await seedLarge.seedLarge({ log: (m) => say(`  ${m.trim()}`) });
      bigCustomerId = seeded.bigCustomerId;
      say(
        `seeded ${seeded.customers} customers, ${seeded.contracts} contracts, ` +
          `${seeded.equipment} pieces of equipment, ${seeded.alerts} alerts in ` +
          `${(seeded.ms / 1000).toFixed(1)} s (the build running alongside)`,
      );
    }

    say('waiting for the build ...');
    if (!(await bench.built(build))) return 1;
    const direct = await timeDirectly(bigCustomerId);
    await state.close();
    state.close = async () => {};

    const portal = await bench.startPortal({ ...distEnv, ...db.env }, COST);
    if (!portal) return 1;
    state.server = portal.server;
    const { url } = portal;
    const ok = await measure(
      url,
      { email: seedLarge.BIG_CUSTOMER_EMAIL, password: seedLarge.LOAD_PASSWORD },
      direct,
    );
    say(`done in ${(elapsedMs(started) / 60_000).toFixed(1)} min`);
    return ok ? 0 : 1;
  } finally {
    run.offInterrupt();
    await bench.stop(builder);
    if (state.server) await bench.stop(state.server);
    await state.close().catch(() => undefined);
    await bench.dropDatabase(db);
  }
}

/** (a): the reads themselves, one at a time, no HTTP. */
async function timeDirectly(userId: number): Promise<[string, number][]> {
  const { getDashboard, listContracts } = await import('../lib/contracts/read');
  const cases: [string, () => Promise<unknown>][] = [
    ['getDashboard', () => getDashboard(userId)],
    ['listContracts page 1 of 20', () => listContracts({ userId, page: 1, pageSize: 20 })],
    ['listContracts page 10 of 20', () => listContracts({ userId, page: 10, pageSize: 20 })],
    [
      'listContracts status=active page 1',
      () => listContracts({ userId, status: 'active', page: 1, pageSize: 20 }),
    ],
  ];
  say(
    `(a) the reads in this process for the big customer (user ${userId}), median of ${DIRECT_RUNS}`,
  );
  const medians: [string, number][] = [];
  for (const [name, fn] of cases) {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < DIRECT_RUNS; i += 1) {
      const start = process.hrtime.bigint();
      await fn();
      times.push(elapsedMs(start));
    }
    medians.push([name, median(times)]);
  }
  return medians;
}

/** (b): over HTTP under load. Returns false when the sign-in or a first request failed. */
async function measure(
  url: string,
  user: { email: string; password: string },
  direct: [string, number][],
): Promise<boolean> {
  const [load1] = loadavg();
  const cores = availableParallelism();
  say(`${cores} cores, load average ${load1?.toFixed(2)} before measuring`);
  if ((load1 ?? 0) > cores) say('WARNING: the machine is busy; latency figures will suffer.');

  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const token = ((await login.json().catch(() => ({}))) as V1Envelope<{ access_token?: string }>)
    .data?.access_token;
  if (!login.ok || !token) {
    say(`signing in as ${user.email} failed: HTTP ${login.status}`);
    return false;
  }
  const headers = { authorization: `Bearer ${token}` };

  // One of each first: the routes exist and answer for the big customer's rows.
  const get = async <T>(route: string): Promise<T | undefined> => {
    const res = await fetch(`${url}${route}`, { headers });
    const body = (await res.json().catch(() => ({}))) as V1Envelope<T>;
    if (!res.ok || body.success !== true) say(`GET ${route}: HTTP ${res.status}`);
    return res.ok ? body.data : undefined;
  };
  const dashboard = await get<DashboardData>('/api/v1/dashboard');
  const contracts = await get<ContractsPage>('/api/v1/contracts');
  if (!dashboard || !contracts) return false;
  say(
    `the big customer: ${dashboard.contract_count} contracts, ${dashboard.equipment_count} ` +
      `pieces of equipment, ${dashboard.active_alerts} active alerts ` +
      `(${dashboard.unacknowledged_alerts} not acknowledged); the list: ` +
      `${contracts.items.length} of ${contracts.total} on page 1 of ${contracts.total_pages}`,
  );

  const cannon = (route: string, options: Partial<autocannon.Options> = {}) =>
    autocannon({
      url: `${url}${route}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: route.startsWith('/api/v1/') ? headers : {},
      ...options,
    });
  say('warming up ...');
  const warmUp = [
    row('warm-up health', await cannon('/api/health', { duration: 2 })),
    row('warm-up dashboard', await cannon('/api/v1/dashboard', { duration: 2 })),
    row('warm-up contracts', await cannon('/api/v1/contracts', { duration: 2 })),
  ];

  say(`(b) ${SECONDS} s each, ${CONNECTIONS} connections`);
  // Health before and after: the ratios use their mean, so a change in the machine's load during
  // the run shows as a gap between the two rather than as a skewed ratio.
  const before = row('GET /api/health (before)', await cannon('/api/health'));
  const dash = row('GET /api/v1/dashboard (bearer)', await cannon('/api/v1/dashboard'));
  const list = row('GET /api/v1/contracts (bearer)', await cannon('/api/v1/contracts'));
  const after = row('GET /api/health (after)', await cannon('/api/health'));
  const health = { rps: (before.rps + after.rps) / 2, p99: (before.p99 + after.p99) / 2 };

  const W = 36;
  console.log('');
  console.log(columns(W, '(a) in process, big customer', 'median ms'));
  for (const [name, ms] of direct) console.log(columns(W, name, ms.toFixed(2)));
  console.log('');
  console.log(
    columns(
      W,
      '(b) scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'rps/hlth',
      'p99/hlth',
    ),
  );
  for (const r of [before, dash, list, after]) {
    console.log(
      columns(
        W,
        r.name,
        ...speeds(r),
        r.non2xx,
        r.errors,
        (r.rps / health.rps).toFixed(2),
        (r.p99 / Math.max(1, health.p99)).toFixed(2),
      ),
    );
  }
  console.log('(ratios: to the mean of the two health runs)');
  const bad = [...warmUp, before, after, dash, list].reduce(
    (n, r: Row) => n + r.non2xx + r.errors,
    0,
  );
  console.log(
    `\nnon-2xx answers and errors, all phases: ${bad} (target 0): ${bad === 0 ? 'PASS' : 'FAIL'}\n`,
  );
  return true;
}

bench.exitWith(main);
