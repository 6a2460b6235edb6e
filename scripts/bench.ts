/**
 * `npm run bench`: builds the app into .next-bench, starts it in production mode on this
 * machine's PostgreSQL (DATABASE_URL, else a fresh `portal_bench_<timestamp>` database on
 * 127.0.0.1:5432, else the embedded server) and measures, in one run (issue 2, section 10):
 *
 *   (a) authenticated GET /api/v1/protected/profile against GET /api/health (req/s, p99);
 *   (b) the median sign-in, one at a time, against one bcrypt compare at the same cost
 *       (interleaved, so both see the same load);
 *   (c) health's p99 while 20 sign-ins run at once.
 *
 * A benchmark, not a test: it exits 0 whatever the figures, non-zero only when the app could
 * not be built or started. BENCH_SECONDS (default 10) sets the length of each phase.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import bcrypt from 'bcrypt';
import { columns, elapsedMs, median, row, speeds } from './bench/measure';
import * as bench from './bench/setup';

const { say } = bench;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COST = process.env.BCRYPT_COST ?? '12';
const SIGN_INS = 30;
const CONCURRENT_SIGN_INS = 20;

interface Credentials {
  email: string;
  password: string;
}

async function main(): Promise<number> {
  const distEnv = bench.appEnv();
  const { build } = bench.startBuild(distEnv);
  const db = await bench.database();
  let server: ChildProcess | undefined;
  const offInterrupt = bench.onInterrupt(db, () => server?.kill('SIGKILL'));
  try {
    await bench.migrated(db);
    if (!(await bench.built(build))) return 1;

    // The bench users are made by the app's own code, on the same database, at the same cost.
    bench.setProcessEnv({ BCRYPT_COST: COST, ...db.env });
    const { upsertUser } = await import('../lib/accounts/users');
    const { db: prisma } = await import('../lib/db/client');
    const users: Credentials[] = Array.from({ length: 5 }, (_, i) => ({
      email: `bench-${i}-${randomBytes(4).toString('hex')}@bench.test`,
      password: `Bench-${randomBytes(12).toString('base64url')}`,
    }));
    for (const u of users) await upsertUser({ ...u, firstName: 'Bench', lastName: `User` });
    await prisma.$disconnect();

    const portal = await bench.startPortal({ ...distEnv, ...db.env }, COST);
    if (!portal) return 1;
    server = portal.server;
    const { url } = portal;
    await measure(url, users);
    return 0;
  } finally {
    offInterrupt();
    if (server) await bench.stop(server);
    await bench.dropDatabase(db);
  }
}

async function measure(url: string, users: Credentials[]): Promise<void> {
  const [load1] = loadavg();
  const cores = availableParallelism();
  say(`${cores} cores, load average ${load1?.toFixed(2)} before measuring`);
  if ((load1 ?? 0) > cores) say('WARNING: the machine is busy; latency figures will suffer.');

  let failedLogins = 0;
  const login = async (i: number): Promise<string> => {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(users[i % users.length]),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: { access_token?: string } };
    if (!res.ok) failedLogins += 1;
    return body.data?.access_token ?? '';
  };
  const authorization = `Bearer ${await login(0)}`;
  const cannon = (route: string, options: Partial<autocannon.Options> = {}) =>
    autocannon({ url: `${url}${route}`, connections: 50, duration: SECONDS, ...options });
  const profile = (options: Partial<autocannon.Options> = {}) =>
    cannon('/api/v1/protected/profile', { headers: { authorization }, ...options });

  say('warming up ...');
  const warmUp = [
    row('warm-up health', await cannon('/api/health', { duration: 2 })),
    row('warm-up profile', await profile({ duration: 2 })),
  ];
  for (let i = 0; i < 3; i += 1) await login(i);

  say(`(a) ${SECONDS} s each, 50 connections: /api/health, then /api/v1/protected/profile`);
  const health = row('GET /api/health', await cannon('/api/health'));
  const prof = row('GET /api/v1/protected/profile (bearer)', await profile());

  say(`(b) ${SIGN_INS} sign-ins one at a time, each followed by a bcrypt compare at cost ${COST}`);
  // The app compares a 64-character digest of the password; compare one of the same length.
  // Interleaved, so both series see the same machine load.
  const digest = () => randomBytes(48).toString('base64');
  const hash = await bcrypt.hash(digest(), Number(COST));
  const signIns: number[] = [];
  const compares: number[] = [];
  for (let i = 0; i < SIGN_INS; i += 1) {
    let start = process.hrtime.bigint();
    await login(i);
    signIns.push(elapsedMs(start));
    start = process.hrtime.bigint();
    await bcrypt.compare(digest(), hash);
    compares.push(elapsedMs(start));
  }

  say(`(c) /api/health at 100 req/s for ${SECONDS} s while ${CONCURRENT_SIGN_INS} sign-ins run`);
  let running = true;
  let completed = 0;
  const loadStart = process.hrtime.bigint();
  const loops = Array.from({ length: CONCURRENT_SIGN_INS }, async (_, i) => {
    for (; running; completed += 1) await login(i);
  });
  await bench.sleep(1000);
  const loaded = row(
    `GET /api/health, ${CONCURRENT_SIGN_INS} sign-ins at once`,
    await cannon('/api/health', { connections: 10, overallRate: 100 }),
  );
  running = false;
  await Promise.all(loops);
  const loadSeconds = elapsedMs(loadStart) / 1000;

  const rows = [health, prof, loaded];
  const cols = (first: string, ...rest: (string | number)[]) =>
    console.log(columns(42, first, ...rest));
  console.log('');
  cols('Scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors');
  for (const r of rows) cols(r.name, ...speeds(r), r.non2xx, r.errors);
  const signIn = median(signIns);
  const compare = median(compares);
  console.log(`
POST /api/v1/auth/login, one at a time: median ${signIn.toFixed(1)} ms`);
  console.log(`bcrypt.compare at cost ${COST}, in this process: median ${compare.toFixed(1)} ms`);
  console.log(`sign-ins completed during (c): ${(completed / loadSeconds).toFixed(1)} a second`);

  const bad = failedLogins + [...warmUp, ...rows].reduce((n, r) => n + r.non2xx + r.errors, 0);
  const figure = (label: string, value: string, target: string, pass: boolean) =>
    console.log(
      `${label.padEnd(46)}${value.padStart(8)}   ${target.padEnd(8)}${pass ? 'PASS' : 'FAIL'}`,
    );
  console.log(`\n${'Figure'.padEnd(46)}${'value'.padStart(8)}   ${'target'.padEnd(8)}result`);
  const throughput = prof.rps / health.rps;
  figure('profile / health throughput', throughput.toFixed(2), '>= 0.7', throughput >= 0.7);
  const ratio = signIn / compare;
  figure('sign-in median / bcrypt compare median', ratio.toFixed(2), '<= 1.3', ratio <= 1.3);
  figure(
    `health p99 with ${CONCURRENT_SIGN_INS} sign-ins at once (ms)`,
    String(loaded.p99),
    '< 50',
    loaded.p99 < 50,
  );
  figure('non-2xx answers and errors, all phases', String(bad), '= 0', bad === 0);
  console.log('');
}

bench.exitWith(main);
