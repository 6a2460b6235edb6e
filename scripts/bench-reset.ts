/**
 * `npm run bench:reset`: the forgot-password answer for known and unknown addresses (issue 10:
 * identical answers, medians less than 10 ms apart over 50 tries each).
 *
 * Builds the app into .next-bench while it makes a fresh `portal_bench_reset_<timestamp>`
 * database (DATABASE_URL instead when set; see scripts/bench/setup.ts), migrates it and makes
 * the known accounts with the app's own upsertUser. Then the built portal in production mode,
 * trusting one proxy hop (TRUST_PROXY_HOPS=1), and POST /api/v1/auth/password/reset one request
 * at a time: a short warm-up, then BENCH_RESET_TRIES (default 50) known addresses and as many
 * unknown ones, interleaved (known, unknown, known, ...), each timed with process.hrtime.
 *
 * The reset limits (10 an hour per client address, 3 an hour per e-mail address) are fixed in
 * lib/rate-limit/index.ts: every request gets its own X-Forwarded-For address and its own
 * e-mail address, so neither is ever reached. Printed: each group's median and p90, the
 * difference of the medians against the 10 ms target, whether every answer (status and body)
 * was the same, the reset jobs queued for each group (one per request, known or not) and the
 * reset mails those jobs have written so far (only to known addresses).
 *
 * The database it made is dropped at the end. A benchmark, not a test: it exits 0 whatever the
 * figures, non-zero only when the app could not be built or started.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { columns, elapsedMs, median } from './bench/measure';
import * as bench from './bench/setup';

const { say } = bench;

const TRIES = Number(process.env.BENCH_RESET_TRIES ?? 50);
const WARM_UP = 5;
/** The accounts' hashes are never checked here: the cheapest cost makes them quickly. */
const COST = '4';
const TARGET_MS = 10;
const ROUTE = '/api/v1/auth/password/reset';
const MAIL_KIND = 'account_password_reset';

interface Answer {
  ms: number;
  status: number;
  body: string;
}

interface Addresses {
  warmUpKnown: string[];
  known: string[];
}

const p90 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)] ?? 0;

/** A distinct client address per request: 10.99.x.y, n < 65,536. */
let nextClient = 1;
const clientAddress = () => {
  const n = nextClient;
  nextClient += 1;
  return `10.99.${(n >> 8) & 255}.${n & 255}`;
};

async function main(): Promise<number> {
  const started = process.hrtime.bigint();
  const run = await bench.begin('portal_bench_reset');
  const { distEnv, builder, build, db, state } = run;
  try {
    await bench.migrated(db);

    // The known accounts are made by the app's own code, in this process, on the bench database.
    bench.setProcessEnv({ BCRYPT_COST: COST, ...db.env });
    const { db: prisma, pool } = await import('../lib/db/client');
    state.close = async () => {
      // A connection still open when the database is dropped is terminated; expected here.
      pool.on('error', () => undefined);
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
    };
    const addresses = await knownAccounts();

    say('waiting for the build ...');
    if (!(await bench.built(build))) return 1;
    const portal = await bench.startPortal({ ...distEnv, ...db.env, TRUST_PROXY_HOPS: '1' }, COST);
    if (!portal) return 1;
    state.server = portal.server;
    await measure(portal.url, addresses);
    say(`done in ${(elapsedMs(started) / 60_000).toFixed(1)} min`);
    return 0;
  } finally {
    run.offInterrupt();
    await bench.stop(builder);
    if (state.server) await bench.stop(state.server);
    await state.close();
    await bench.dropDatabase(db);
  }
}

/** WARM_UP + TRIES active customers, each with an address of its own. */
async function knownAccounts(): Promise<Addresses> {
  const { upsertUser } = await import('../lib/accounts/users');
  const total = WARM_UP + TRIES;
  say(`making ${total} known accounts ...`);
  const emails: string[] = [];
  for (let i = 0; i < total; i += 1) {
    const email = `bench-reset-${i}-${randomBytes(4).toString('hex')}@bench.test`;
    await upsertUser({
      email,
      password: `Bench-${randomBytes(12).toString('base64url')}`,
      firstName: 'Bench',
      lastName: `Reset ${i}`,
    });
    emails.push(email);
  }
  return { warmUpKnown: emails.slice(0, WARM_UP), known: emails.slice(WARM_UP) };
}

/** An address no account has. */
const unknownAddress = () => `bench-nobody-${randomBytes(6).toString('hex')}@bench.test`;

/** One reset request from a client address of its own, timed to the end of its body. */
async function ask(url: string, email: string): Promise<Answer> {
  const start = process.hrtime.bigint();
  try {
    const res = await fetch(`${url}${ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress() },
      body: JSON.stringify({ email }),
    });
    const body = await res.text();
    return { ms: elapsedMs(start), status: res.status, body };
  } catch (err) {
    return { ms: elapsedMs(start), status: 0, body: String(err) };
  }
}

/**
 * For `emails`: the reset jobs the requests queued (pg-boss keeps them, done or not) and the reset
 * mails those jobs have written so far (the jobs run after the answers, as the worker gets to them).
 */
async function work(emails: string[]): Promise<{ jobs: number; mails: number }> {
  const { db: prisma, pool } = await import('../lib/db/client');
  const { QUEUES } = await import('../lib/jobs/boss');
  const jobs = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND data->>'email' = ANY($2)`,
    [QUEUES.passwordReset, emails],
  );
  const mails = await prisma.notification.count({
    where: { kind: MAIL_KIND, toAddress: { in: emails } },
  });
  return { jobs: Number(jobs.rows[0]?.n ?? 0), mails };
}

async function measure(url: string, addresses: Addresses): Promise<void> {
  const [load1] = loadavg();
  const cores = availableParallelism();
  say(`${cores} cores, load average ${load1?.toFixed(2)} before measuring`);
  if ((load1 ?? 0) > cores) say('WARNING: the machine is busy; latency figures will suffer.');

  say(`warming up: ${WARM_UP} known and ${WARM_UP} unknown addresses ...`);
  const warm: Answer[] = [];
  for (const email of addresses.warmUpKnown) {
    warm.push(await ask(url, email), await ask(url, unknownAddress()));
  }

  say(`${TRIES} known and ${TRIES} unknown addresses, interleaved, one request at a time ...`);
  const known: Answer[] = [];
  const unknown: Answer[] = [];
  const unknownEmails: string[] = [];
  for (const email of addresses.known) {
    known.push(await ask(url, email));
    const nobody = unknownAddress();
    unknownEmails.push(nobody);
    unknown.push(await ask(url, nobody));
  }
  const [after] = loadavg();

  const all = [...warm, ...known, ...unknown];
  const first = all[0] ?? { status: 0, body: '' };
  const differing = all.filter((a) => a.status !== first.status || a.body !== first.body);
  const knownWork = await work(addresses.known);
  const unknownWork = await work(unknownEmails);

  const knownMs = known.map((a) => a.ms);
  const unknownMs = unknown.map((a) => a.ms);
  const difference = Math.abs(median(knownMs) - median(unknownMs));

  const W = 40;
  console.log('');
  console.log(columns(W, `POST ${ROUTE} (ms)`, 'tries', 'median', 'p90', 'min', 'max'));
  for (const [name, ms] of [
    ['known addresses', knownMs],
    ['unknown addresses', unknownMs],
  ] as const) {
    console.log(
      columns(
        W,
        name,
        ms.length,
        median(ms).toFixed(2),
        p90(ms).toFixed(2),
        Math.min(...ms).toFixed(2),
        Math.max(...ms).toFixed(2),
      ),
    );
  }
  console.log(`
the answer: HTTP ${first.status} ${first.body}
answers differing from it (warm-up included): ${differing.length} of ${all.length}${
    differing.length > 0
      ? ` (first: HTTP ${differing[0]?.status} ${differing[0]?.body.slice(0, 200)})`
      : ''
  }
reset jobs queued: ${knownWork.jobs} for the ${known.length} known addresses, ${unknownWork.jobs} for the ${unknown.length} unknown ones
reset mails the jobs have written so far: ${knownWork.mails} to known addresses, ${unknownWork.mails} to unknown ones
load average: ${load1?.toFixed(2)} before measuring, ${after?.toFixed(2)} after (${cores} cores)`);

  const figure = (label: string, value: string, target: string, pass: boolean) =>
    console.log(
      `${label.padEnd(48)}${value.padStart(8)}   ${target.padEnd(10)}${pass ? 'PASS' : 'FAIL'}`,
    );
  console.log(`\n${'Figure'.padEnd(48)}${'value'.padStart(8)}   ${'target'.padEnd(10)}result`);
  figure(
    'difference of medians, known vs unknown (ms)',
    difference.toFixed(2),
    `< ${TARGET_MS}`,
    difference < TARGET_MS,
  );
  figure(
    'answers differing in status or body',
    String(differing.length),
    '= 0',
    differing.length === 0,
  );
  console.log('');
}

bench.exitWith(main);
