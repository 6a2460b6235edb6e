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
import path from 'node:path';
import autocannon from 'autocannon';
import bcrypt from 'bcrypt';
import { migrate } from '../lib/db/migrate';
import { elapsedMs, median, row } from './bench/measure';
import {
  ROOT,
  database,
  exited,
  run,
  say,
  sleep,
  startPortal,
  stop,
  tail,
  type Env,
} from './bench/setup';

const BIN = path.join(ROOT, 'node_modules', '.bin');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COST = process.env.BCRYPT_COST ?? '12';
const SIGN_INS = 30;
const CONCURRENT_SIGN_INS = 20;

interface Credentials {
  email: string;
  password: string;
}

async function main(): Promise<number> {
  const base: Env = { ...(process.env as Env), NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
  delete base.NODE_ENV;
  const distEnv: Env = { ...base, NEXT_DIST_DIR: '.next-bench' };

  say('building into .next-bench (log: .data/bench/build.log) ...');
  const build = exited(run([path.join(BIN, 'next'), 'build'], distEnv, 'build.log'));
  const db = await database();
  let server: ChildProcess | undefined;
  const interrupt = () => {
    server?.kill('SIGKILL');
    void db.cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    say(`database: ${db.label}`);
    await migrate({ databaseUrl: db.url });
    if ((await build) !== 0) {
      console.error(tail('build.log'));
      say('the build failed');
      return 1;
    }

    // The bench users are made by the app's own code, on the same database, at the same cost.
    Object.assign(process.env, { BCRYPT_COST: COST, ...db.env });
    if (!db.env.DATABASE_URL) delete process.env.DATABASE_URL;
    const { upsertUser } = await import('../lib/accounts/users');
    const { db: prisma } = await import('../lib/db/client');
    const users: Credentials[] = Array.from({ length: 5 }, (_, i) => ({
      email: `bench-${i}-${randomBytes(4).toString('hex')}@bench.test`,
      password: `Bench-${randomBytes(12).toString('base64url')}`,
    }));
    for (const u of users) await upsertUser({ ...u, firstName: 'Bench', lastName: `User` });
    await prisma.$disconnect();

    const portal = await startPortal({ ...distEnv, ...db.env }, COST);
    if (!portal) return 1;
    server = portal.server;
    const { url } = portal;
    await measure(url, users);
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    if (server) await stop(server);
    await db.cleanup().catch((err: unknown) => say(`could not drop the database: ${String(err)}`));
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
  await sleep(1000);
  const loaded = row(
    `GET /api/health, ${CONCURRENT_SIGN_INS} sign-ins at once`,
    await cannon('/api/health', { connections: 10, overallRate: 100 }),
  );
  running = false;
  await Promise.all(loops);
  const loadSeconds = elapsedMs(loadStart) / 1000;

  const rows = [health, prof, loaded];
  const cols = (first: string, ...rest: (string | number)[]) =>
    console.log(first.padEnd(42) + rest.map((c) => String(c).padStart(9)).join(''));
  console.log('');
  cols('Scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors');
  for (const r of rows) cols(r.name, r.rps.toFixed(0), r.p50, r.p99, r.non2xx, r.errors);
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

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
