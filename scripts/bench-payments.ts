/**
 * `npm run bench:payments`: Stripe webhook fulfilment and signed downloads (issue 4's benchmark).
 *
 * Builds the app into .next-bench while it makes a fresh `portal_bench_payments_<timestamp>`
 * database (DATABASE_URL instead when set; see scripts/bench/setup.ts), starts the Stripe emulator
 * in this process and the built portal in production mode pointed at it (STRIPE_EMULATOR=1), then:
 *
 *   (a) webhook fulfilment: BENCH_WEBHOOK_ROUNDS × 50 distinct paid Checkout Sessions (made by the
 *       portal's own createPurchaseSession, paid on the emulator's hosted form); their real
 *       checkout.session.completed payloads, freshly signed, POSTed 50 at a time to
 *       /api/webhooks/stripe; each a full fulfilment (session retrieved from Stripe, purchase,
 *       license and invoice written in one transaction). Baseline: GET /api/health in the same
 *       number of rounds of 50 at once, the rounds interleaved so both see the same machine.
 *       Then the same 50 deliveries again (duplicates: verified, recognised, not re-done).
 *   (b) signed downloads: a 50 MB release file, BENCH_DOWNLOADS downloads BENCH_DOWNLOAD_CONCURRENCY
 *       at a time through links minted by the domain (mintDownloadUrl, outside the timing), every
 *       byte counted and the first one's SHA-256 checked; baseline: the same number of reads of
 *       the same file from disk at the same concurrency, interleaved.
 *   (c) the server's resident memory (VmRSS of its processes, sampled every 20 ms) while (b)
 *       streams, against 50 MB × concurrency, which whole-file buffering would need; and VmHWM.
 *   (d) every non-2xx answer, all phases (the target is 0).
 *
 * A benchmark, not a test: it exits 0 whatever the figures, non-zero only when the app could not
 * be built or started. The database and the 50 MB file are removed at the end.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { columns, elapsedMs, median } from './bench/measure';
import * as bench from './bench/setup';

const { say } = bench;
import { startStripeEmulator, type StripeEmulator } from '../tools/stripe-emulator';
import { PAYING_CARD, submitHostedPage } from '../tools/stripe-emulator/test-cards';
import { signatureHeader } from '../tools/stripe-emulator/webhooks';

const COST = '4';
const WEBHOOK_CONCURRENCY = 50;
const WEBHOOK_ROUNDS = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 4);
const WARM_UP_SESSIONS = 10;
const FILE_MB = 50;
const FILE_SIZE = FILE_MB * 1024 * 1024;
const DOWNLOAD_CONCURRENCY = Number(process.env.BENCH_DOWNLOAD_CONCURRENCY ?? 8);
const DOWNLOADS = Number(process.env.BENCH_DOWNLOADS ?? 24);
const RELEASE_ID = 'software_v2';
const PLATFORM = 'linux-x64';
const MB = 1024 * 1024;

interface Timed {
  ms: number;
  status: number;
  /** Bytes of the body read. */
  bytes: number;
  /** `result` of a webhook answer, when there is one. */
  result?: string;
}

interface Phase {
  name: string;
  samples: Timed[];
  /** Wall time of the timed rounds (their sum). */
  wallMs: number;
}

const phase = (name: string): Phase => ({ name, samples: [], wallMs: 0 });
const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)] ?? 0;
const rate = (p: Phase) => p.samples.length / (p.wallMs / 1000);
const mbps = (p: Phase) => p.samples.reduce((n, s) => n + s.bytes, 0) / MB / (p.wallMs / 1000);
const non2xx = (p: Phase) => p.samples.filter((s) => s.status < 200 || s.status > 299).length;

/** Runs one round of tasks at once, adding each one's time and the round's wall time to `into`. */
async function round(into: Phase, tasks: (() => Promise<Omit<Timed, 'ms'>>)[]): Promise<void> {
  const start = process.hrtime.bigint();
  const results = await Promise.all(
    tasks.map(async (task) => {
      const t = process.hrtime.bigint();
      const outcome = await task().catch(() => ({ status: 0, bytes: 0 }));
      return { ...outcome, ms: elapsedMs(t) };
    }),
  );
  into.wallMs += elapsedMs(start);
  into.samples.push(...results);
}

/** Reads a response body to the end, counting bytes and optionally hashing them. */
async function drain(
  body: ReadableStream<Uint8Array> | null,
  hash?: ReturnType<typeof createHash>,
) {
  let bytes = 0;
  if (!body) return bytes;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    hash?.update(chunk);
  }
  return bytes;
}

/** Every process under `pid` (the server runs as tsx's child), with itself. */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i += 1) {
    const current = all[i];
    try {
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8');
        for (const child of children.split(' ').filter(Boolean)) all.push(Number(child));
      }
    } catch {
      // The process has gone.
    }
  }
  return all;
}

/** VmRSS and VmHWM in MB of one process, or null when it is gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return null;
  }
}

/** The server's process: the biggest one in the tree (tsx's launcher is small). */
function serverMemory(rootPid: number): { pid: number; rss: number; hwm: number } {
  let best = { pid: rootPid, rss: 0, hwm: 0 };
  for (const pid of processTree(rootPid)) {
    const memory = memoryOf(pid);
    if (memory && memory.rss > best.rss) best = { pid, ...memory };
  }
  return best;
}

/** A local endpoint the emulator delivers to, keeping each event's raw JSON (answers 200). */
async function captureWebhooks(): Promise<{
  server: Server;
  url: string;
  payloads: Map<string, string>;
}> {
  const payloads = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as { type: string; data: { object: { id: string } } };
      if (event.type === 'checkout.session.completed') payloads.set(event.data.object.id, body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/`, payloads };
}

/** Writes `size` random bytes to `file`, returning their SHA-256 (hex). */
async function writeRandomFile(file: string, size: number): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  for (let written = 0; written < size;) {
    const chunk = randomBytes(Math.min(MB, size - written));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += chunk.length;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return hash.digest('hex');
}

async function main(): Promise<number> {
  const distEnv = bench.appEnv('STRIPE_SECRET_KEY');
  const { build } = bench.startBuild(distEnv);
  const db = await bench.database('portal_bench_payments');
  const downloadsDir = path.join(bench.LOGS, 'releases');
  const capture = await captureWebhooks();
  const webhookSecret = `whsec_bench_${randomBytes(16).toString('hex')}`;
  let emulator: StripeEmulator | undefined;
  let server: ChildProcess | undefined;
  const offInterrupt = bench.onInterrupt(db, () => server?.kill('SIGKILL'));
  try {
    await bench.migrated(db);
    emulator = await startStripeEmulator({ port: 0, webhookUrl: capture.url, webhookSecret });
    const stripeEnv: bench.Env = {
      STRIPE_EMULATOR: '1',
      STRIPE_API_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      DOWNLOADS_DIR: downloadsDir,
      DOWNLOAD_SIGNING_SECRET: randomBytes(32).toString('hex'),
    };
    // This process makes the customers, sessions, release and links with the app's own code.
    bench.setProcessEnv({
      BCRYPT_COST: COST,
      ...db.env,
      ...stripeEnv,
      STRIPE_SECRET_KEY: undefined,
    });

    const sessions = await paidSessions(emulator, capture.payloads);
    const file = await releaseFile(downloadsDir);

    if (!(await bench.built(build))) return 1;
    const portal = await bench.startPortal({ ...distEnv, ...db.env, ...stripeEnv }, COST);
    if (!portal) return 1;
    server = portal.server;
    await measure(portal.url, portal.server, sessions, file);
    return 0;
  } finally {
    offInterrupt();
    if (server) await bench.stop(server);
    await emulator?.stop();
    capture.server.close();
    await rm(downloadsDir, { recursive: true, force: true });
    // This process's pool, before the database it points at is dropped (with FORCE).
    const { db: prisma, pool } = await import('../lib/db/client');
    // A connection still open when the database is dropped is terminated; that is expected here.
    pool.on('error', () => undefined);
    await prisma.$disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await bench.dropDatabase(db);
  }
}

interface Sessions {
  userId: number;
  warmUp: string[];
  measured: string[][];
  /** sessionId → the raw checkout.session.completed the emulator sent. */
  payloads: Map<string, string>;
}

/** 50 customers, each buying once per round (plus warm-up), paid on the emulator's hosted form. */
async function paidSessions(
  emulator: StripeEmulator,
  payloads: Map<string, string>,
): Promise<Sessions> {
  const { upsertUser } = await import('../lib/accounts/users');
  const { createPurchaseSession } = await import('../lib/payments/checkout');
  const total = WARM_UP_SESSIONS + WEBHOOK_ROUNDS * WEBHOOK_CONCURRENCY;
  say(`paying ${total} Checkout Sessions on the emulator (${WEBHOOK_CONCURRENCY} customers) ...`);
  const users: number[] = [];
  for (let i = 0; i < WEBHOOK_CONCURRENCY; i += 1) {
    const tag = randomBytes(4).toString('hex');
    const { id } = await upsertUser({
      email: `bench-pay-${i}-${tag}@bench.test`,
      password: `Bench-${randomBytes(12).toString('base64url')}`,
      firstName: 'Bench',
      lastName: `Buyer ${i}`,
    });
    users.push(id);
  }
  const ids: string[] = [];
  for (let i = 0; i < total; i += 1) {
    const userId = users[i % users.length] ?? 0;
    const session = await createPurchaseSession({ userId, productType: 'base_product' });
    const paid = await submitHostedPage(session.url, {
      ...PAYING_CARD,
      billingName: 'Bench Buyer',
    });
    if (paid.status !== 303) throw new Error(`paying ${session.sessionId} answered ${paid.status}`);
    ids.push(session.sessionId);
  }
  await emulator.webhooksIdle();
  const missing = ids.filter((id) => !payloads.has(id));
  if (missing.length > 0)
    throw new Error(`no checkout.session.completed for ${missing.length} sessions`);
  const measured = Array.from({ length: WEBHOOK_ROUNDS }, (_, r) =>
    ids.slice(
      WARM_UP_SESSIONS + r * WEBHOOK_CONCURRENCY,
      WARM_UP_SESSIONS + (r + 1) * WEBHOOK_CONCURRENCY,
    ),
  );
  return { userId: users[0] ?? 0, warmUp: ids.slice(0, WARM_UP_SESSIONS), measured, payloads };
}

interface BenchFile {
  path: string;
  sha256: string;
}

/** A 50 MB release file for major version 2 (what the bench purchases license). */
async function releaseFile(dir: string): Promise<BenchFile> {
  const { db: prisma } = await import('../lib/db/client');
  const storageKey = `${RELEASE_ID}/sense-base-bench-${PLATFORM}.bin`;
  const full = path.join(dir, storageKey);
  say(`writing a ${FILE_MB} MB release file (${path.relative(bench.ROOT, full)}) ...`);
  const sha256 = await writeRandomFile(full, FILE_SIZE);
  await prisma.release.create({
    data: {
      id: RELEASE_ID,
      productType: 'base_product',
      version: '2.0.0',
      majorVersion: 2,
      releasedAt: new Date(),
      files: {
        create: {
          platform: PLATFORM,
          filename: path.basename(storageKey),
          storageKey,
          size: FILE_SIZE,
          sha256,
        },
      },
    },
  });
  return { path: full, sha256 };
}

async function measure(url: string, server: ChildProcess, sessions: Sessions, file: BenchFile) {
  const { db: prisma } = await import('../lib/db/client');
  const { mintDownloadUrl } = await import('../lib/downloads/releases');
  const [load1] = loadavg();
  const cores = availableParallelism();
  say(`${cores} cores, load average ${load1?.toFixed(2)} before measuring`);
  if ((load1 ?? 0) > cores) say('WARNING: the machine is busy; the figures will suffer.');

  const deliver = (sessionId: string) => async () => {
    const payload = sessions.payloads.get(sessionId) ?? '';
    const signature = signatureHeader(
      payload,
      process.env.STRIPE_WEBHOOK_SECRET ?? '',
      Math.floor(Date.now() / 1000),
    );
    const res = await fetch(`${url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
      body: payload,
    });
    const body = (await res.json().catch(() => ({}))) as { result?: string };
    return { status: res.status, bytes: 0, result: body.result };
  };
  const health = async () => {
    const res = await fetch(`${url}/api/health`);
    return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
  };

  say('warming up ...');
  const warm = phase('warm-up');
  for (let i = 0; i < 3; i += 1)
    await round(
      warm,
      Array.from({ length: WEBHOOK_CONCURRENCY }, () => health),
    );
  await round(warm, sessions.warmUp.map(deliver));

  say(
    `(a) ${WEBHOOK_ROUNDS} rounds of ${WEBHOOK_CONCURRENCY} at once: GET /api/health, then ${WEBHOOK_CONCURRENCY} distinct webhook deliveries`,
  );
  const healthPhase = phase(`GET /api/health, ${WEBHOOK_CONCURRENCY} at once`);
  const webhookPhase = phase(`webhook, ${WEBHOOK_CONCURRENCY} new events at once`);
  const duplicatePhase = phase(`webhook, ${WEBHOOK_CONCURRENCY} duplicates at once`);
  for (const ids of sessions.measured) {
    await round(
      healthPhase,
      Array.from({ length: WEBHOOK_CONCURRENCY }, () => health),
    );
    await round(webhookPhase, ids.map(deliver));
  }
  await round(duplicatePhase, (sessions.measured[0] ?? []).map(deliver));
  const measuredIds = sessions.measured.flat();
  const fulfilled = await prisma.purchase.count({
    where: { checkoutSessionId: { in: measuredIds } },
  });
  const licensed = await prisma.license.count({
    where: { purchase: { checkoutSessionId: { in: measuredIds } } },
  });
  const processed = webhookPhase.samples.filter((s) => s.result === 'processed').length;
  const duplicates = duplicatePhase.samples.filter((s) => s.result === 'duplicate').length;

  say(
    `(b) ${DOWNLOADS} downloads of ${FILE_MB} MB, ${DOWNLOAD_CONCURRENCY} at once, against reading the file from disk`,
  );
  const link = async () => {
    const minted = await mintDownloadUrl(sessions.userId, RELEASE_ID, PLATFORM);
    const signed = new URL(minted.url);
    return `${url}${signed.pathname}${signed.search}`;
  };
  let firstDownloadSha: string | null = null;
  let firstDiskSha: string | null = null;
  const download = (href: string, hashIt: boolean) => async () => {
    const res = await fetch(href);
    const hash = hashIt ? createHash('sha256') : undefined;
    const bytes = await drain(res.body, hash);
    if (hash) firstDownloadSha = hash.digest('hex');
    return { status: res.status, bytes };
  };
  const readDisk = (hashIt: boolean) => async () => {
    const hash = hashIt ? createHash('sha256') : undefined;
    let bytes = 0;
    for await (const chunk of createReadStream(file.path, { highWaterMark: 256 * 1024 })) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      hash?.update(buffer);
    }
    if (hash) firstDiskSha = hash.digest('hex');
    return { status: 200, bytes };
  };
  // Warm both paths once (page cache, the route's first compile of its chunk).
  await round(warm, [download(await link(), false), readDisk(false)]);

  const idle = serverMemory(server.pid ?? 0);
  let peak = idle;
  let samples = 0;
  const sampler = setInterval(() => {
    const now = serverMemory(server.pid ?? 0);
    samples += 1;
    if (now.rss > peak.rss) peak = now;
  }, 20);
  const downloadPhase = phase(`signed download, ${DOWNLOAD_CONCURRENCY} at once`);
  const diskPhase = phase(`read from disk, ${DOWNLOAD_CONCURRENCY} at once`);
  const rounds = Math.ceil(DOWNLOADS / DOWNLOAD_CONCURRENCY);
  for (let r = 0; r < rounds; r += 1) {
    const links = await Promise.all(Array.from({ length: DOWNLOAD_CONCURRENCY }, link));
    await round(
      downloadPhase,
      links.map((href, i) => download(href, r === 0 && i === 0)),
    );
    await round(
      diskPhase,
      Array.from({ length: DOWNLOAD_CONCURRENCY }, (_, i) => readDisk(r === 0 && i === 0)),
    );
  }
  clearInterval(sampler);
  const after = serverMemory(server.pid ?? 0);
  const shortReads = downloadPhase.samples.filter((s) => s.bytes !== FILE_SIZE).length;

  // (d) every answer of every phase, warm-ups included.
  const all = [warm, healthPhase, webhookPhase, duplicatePhase, downloadPhase];
  const bad = all.reduce((n, p) => n + non2xx(p), 0);

  console.log('');
  console.log(columns(44, 'Scenario', 'count', 'req/s', 'MB/s', 'p50 ms', 'p99 ms', 'non-2xx'));
  for (const p of [healthPhase, webhookPhase, duplicatePhase, downloadPhase, diskPhase]) {
    const ms = p.samples.map((s) => s.ms);
    const moved = p.samples.some((s) => s.bytes > 1024 * 1024);
    console.log(
      columns(
        44,
        p.name,
        p.samples.length,
        rate(p).toFixed(1),
        moved ? mbps(p).toFixed(0) : '-',
        median(ms).toFixed(1),
        p99(ms).toFixed(1),
        non2xx(p),
      ),
    );
  }
  console.log(`
fulfilled: ${fulfilled} purchases and ${licensed} licenses for ${measuredIds.length} sessions; answers: ${processed} processed, ${duplicates}/${duplicatePhase.samples.length} duplicates recognised
download checks: ${shortReads} short bodies; SHA-256 of the first download ${firstDownloadSha === file.sha256 ? 'matches' : 'DIFFERS'}, of the first disk read ${firstDiskSha === file.sha256 ? 'matches' : 'DIFFERS'}
server memory (pid ${peak.pid}): VmRSS ${idle.rss.toFixed(0)} MB before streaming, peak ${peak.rss.toFixed(0)} MB while streaming (${samples} samples), ${after.rss.toFixed(0)} MB after; VmHWM ${after.hwm.toFixed(0)} MB
whole-file buffering would need ${FILE_MB} MB x ${DOWNLOAD_CONCURRENCY} = ${FILE_MB * DOWNLOAD_CONCURRENCY} MB more while streaming`);

  const figure = (label: string, value: string, target: string, pass: boolean) =>
    console.log(
      `${label.padEnd(52)}${value.padStart(8)}   ${target.padEnd(10)}${pass ? 'PASS' : 'FAIL'}`,
    );
  console.log(`\n${'Figure'.padEnd(52)}${'value'.padStart(8)}   ${'target'.padEnd(10)}result`);
  const webhookRatio = rate(webhookPhase) / rate(healthPhase);
  figure(
    'webhook fulfilment / health throughput (50 at once)',
    webhookRatio.toFixed(2),
    'report',
    true,
  );
  const downloadRatio = mbps(downloadPhase) / mbps(diskPhase);
  figure(
    `signed download / disk read throughput (${DOWNLOAD_CONCURRENCY} at once)`,
    downloadRatio.toFixed(2),
    'report',
    true,
  );
  const buffered = FILE_MB * DOWNLOAD_CONCURRENCY;
  const growth = peak.rss - idle.rss;
  figure(
    `server RSS growth while streaming (MB)`,
    growth.toFixed(0),
    `< ${(buffered / 4).toFixed(0)}`,
    growth < buffered / 4,
  );
  figure(
    'exactly one purchase and license per session',
    `${fulfilled}/${licensed}`,
    `= ${measuredIds.length}`,
    fulfilled === measuredIds.length && licensed === measuredIds.length,
  );
  figure(
    'non-2xx answers and errors, all phases',
    String(bad + shortReads),
    '= 0',
    bad + shortReads === 0,
  );
  console.log('');
}

bench.exitWith(main);
