/**
 * `npm run bench:support`: the agents' queue, the queue's full-text search and a customer's
 * ticket list as the data grows from 5,000 to 500,000 messages (issue 9's benchmark).
 *
 * Builds the app into .next-bench while it makes a fresh `portal_bench_support_<timestamp>`
 * database on this machine's PostgreSQL (DATABASE_URL instead when set), migrates it and fills
 * it with SQL set operations: customers with 10 tickets each, 10 messages a ticket (one in ten an
 * internal note), most tickets resolved or closed as in a real helpdesk, and one rare word in
 * three tickets' messages for the search. Two sizes, in one run:
 *
 *   small: 500 tickets, 5,000 messages;  large: 50,000 tickets, 500,000 messages.
 *
 * At each size the built portal is started and, under load (autocannon), it measures
 * GET /api/health, GET /api/staff/tickets (the queue, as an agent), GET /api/staff/tickets?q=…
 * (search) and GET /api/v1/support/tickets (a customer's list); each p99 is divided by health's
 * p99 in the same phase, and the large ratio by the small one (target: at most 1.5). Then
 * EXPLAIN ANALYZE of the three queries at the large size, with a check that no plan scans
 * ticket_messages sequentially.
 *
 * A benchmark, not a test: it exits 0 whatever the figures, non-zero only when the app could not
 * be built, seeded or started. BENCH_SECONDS (default 8) and BENCH_CONNECTIONS (default 10).
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { columns, row, speeds, type Row } from './bench/measure';
import * as bench from './bench/setup';

const { say } = bench;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const COST = '10';
const PASSWORD = 'Bench-Support-2026';
/**
 * A word three tickets carry in a message at both sizes: an agent searching for a serial number
 * or a name finds a handful, however large the table. (A word whose matches grow with the data
 * would measure the growing answer, not the index.)
 */
const RARE_WORD = 'firmwarebug';

const SIZES = [
  { name: 'small (5,000 messages)', tickets: 500 },
  { name: 'large (500,000 messages)', tickets: 50_000 },
];
type Size = (typeof SIZES)[number];

async function main(): Promise<number> {
  const distEnv = bench.appEnv();
  const { builder, build } = bench.startBuild(distEnv);
  const db = await bench.database('portal_bench_support');
  const client = new pg.Client({ connectionString: db.url });
  let server: ChildProcess | undefined;
  try {
    await bench.migrated(db);
    await client.connect();
    bench.setProcessEnv({ BCRYPT_COST: COST, ...db.env });
    const { hashPassword } = await import('../lib/auth/password');
    const hash = await hashPassword(PASSWORD);
    await client.query(
      `INSERT INTO users (email, password_hash, first_name, last_name, role, updated_at)
       VALUES ('agent@bench.test', $1, 'Bench', 'Agent', 'SUPPORT_AGENT', now()),
              ('customer@bench.test', $1, 'Bench', 'Customer', 'CUSTOMER', now())`,
      [hash],
    );
    say('waiting for the build ...');
    if (!(await bench.built(build))) return 1;
    const results: { size: Size; rows: Row[] }[] = [];
    let seeded = 0;
    for (const size of SIZES) {
      const started = Date.now();
      await grow(client, seeded, size.tickets, hash);
      seeded = size.tickets;
      const counts = await client.query<{ t: string; m: string }>(
        'SELECT (SELECT count(*) FROM tickets) t, (SELECT count(*) FROM ticket_messages) m',
      );
      say(
        `${size.name}: ${counts.rows[0]?.t} tickets, ${counts.rows[0]?.m} messages ` +
          `(seeded in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      const portal = await bench.startPortal({ ...distEnv, ...db.env, JOBS_WORKER: '0' }, COST);
      if (!portal) return 1;
      server = portal.server;
      results.push({ size, rows: await measure(portal.url) });
      await bench.stop(server);
      server = undefined;
    }
    report(results);
    await explain(client);
    return 0;
  } finally {
    await bench.stop(builder);
    if (server) await bench.stop(server);
    await client.end().catch(() => undefined);
    await bench.dropDatabase(db);
  }
}

/**
 * Adds tickets up to `total` (10 messages each): customers of 10 tickets, one ticket in 200 with
 * the rare word, one message in 10 an internal note, 80% of tickets closed or resolved, and the
 * bench customer owning 20 tickets.
 */
async function grow(client: pg.Client, from: number, total: number, hash: string) {
  const customers = Math.ceil((total - from) / 10);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO users (email, password_hash, first_name, last_name, updated_at)
     SELECT 'c' || ($1::int / 10 + g) || '@bench.test', $2, 'Customer', g::text, now()
       FROM generate_series(1, $3::int) g`,
    [from, hash, customers],
  );
  await client.query(
    `INSERT INTO tickets (user_id, subject, description, category, priority, status,
                          sla_started_at, sla_due_at, sla_target_minutes, created_at, updated_at,
                          last_message_at, resolved_at, closed_at, resolution_count)
     SELECT u.id,
            'Ticket ' || n || ' about ' || (ARRAY['camera','sensor','panel','lock','invoice'])[1 + n % 5],
            'The ' || (ARRAY['camera','sensor','panel','lock','invoice'])[1 + n % 5] ||
              ' misbehaves since the update, number ' || n,
            (ARRAY['TECHNICAL','BILLING','ACCOUNT','OTHER'])[1 + n % 4]::"TicketCategory",
            (ARRAY['LOW','MEDIUM','HIGH','URGENT'])[1 + n % 4]::"TicketPriority",
            s.status::"TicketStatus",
            CASE WHEN s.status IN ('OPEN','AWAITING_SUPPORT') THEN now() - interval '30 minutes' END,
            CASE WHEN s.status IN ('OPEN','AWAITING_SUPPORT')
                 THEN now() + (n % 600 - 100) * interval '1 minute' END,
            CASE WHEN s.status IN ('OPEN','AWAITING_SUPPORT') THEN 480 END,
            now() - (n % 9000) * interval '1 hour', now(), now() - (n % 9000) * interval '1 hour',
            CASE WHEN s.status IN ('RESOLVED','CLOSED') THEN now() - interval '1 day' END,
            CASE WHEN s.status = 'CLOSED' THEN now() END,
            CASE WHEN s.status IN ('RESOLVED','CLOSED') THEN 1 ELSE 0 END
       FROM generate_series($1::int + 1, $2::int) n
       JOIN users u ON u.email = 'c' || ((n - 1) / 10 + 1) || '@bench.test'
      CROSS JOIN LATERAL (SELECT (ARRAY['CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED',
                                        'RESOLVED','RESOLVED','OPEN','AWAITING_SUPPORT',
                                        'AWAITING_CUSTOMER'])[1 + n % 11] AS status) s`,
    [from, total],
  );
  // The bench customer's 20 tickets come with the first size.
  if (from === 0) {
    await client.query(
      `UPDATE tickets SET user_id = (SELECT id FROM users WHERE email = 'customer@bench.test')
        WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT 20)`,
    );
  }
  const agent = await client.query<{ id: number }>(
    `SELECT id FROM users WHERE email = 'agent@bench.test'`,
  );
  await client.query(
    `INSERT INTO ticket_messages (ticket_id, author_id, body, internal, created_at)
     SELECT t.id, CASE WHEN k % 2 = 0 THEN t.user_id ELSE $3::int END,
            'Message ' || k || ' on ticket ' || t.id || ': ' ||
              (ARRAY['the camera restarts at night','the door sensor reports open',
                     'the panel shows error 42','the invoice lists the wrong company',
                     'the lock beeps twice an hour'])[1 + (t.id + k) % 5] ||
              CASE WHEN t.id IN (7, 250, 499) AND k = 5 THEN ' ${RARE_WORD}' ELSE '' END,
            k = 10, t.created_at + k * interval '10 minutes'
       FROM tickets t CROSS JOIN generate_series(1, 10) k
      WHERE t.id > $1::int AND t.id <= $2::int`,
    [from, total, agent.rows[0]?.id ?? 0],
  );
  await client.query('COMMIT');
  // What autovacuum does in a running database: statistics, and the GIN indexes' pending lists
  // merged into the index proper.
  await client.query('VACUUM ANALYZE tickets, ticket_messages, users');
}

async function token(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await res.json()) as { data?: { access_token?: string } };
  if (!body.data?.access_token) throw new Error(`sign-in as ${email}: HTTP ${res.status}`);
  return body.data.access_token;
}

const ROUTES = {
  queue: '/api/staff/tickets?status=awaiting_support',
  search: `/api/staff/tickets?q=${RARE_WORD}`,
  customer: '/api/v1/support/tickets',
};

async function measure(url: string): Promise<Row[]> {
  const agent = await token(url, 'agent@bench.test');
  const customer = await token(url, 'customer@bench.test');
  const cannon = (route: string, bearer?: string, duration = SECONDS) =>
    autocannon({
      url: `${url}${route}`,
      connections: CONNECTIONS,
      duration,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  for (const [route, bearer] of [
    ['/api/health', undefined],
    [ROUTES.queue, agent],
    [ROUTES.search, agent],
    [ROUTES.customer, customer],
  ] as const) {
    await cannon(route, bearer, 2);
  }
  const before = row('GET /api/health (before)', await cannon('/api/health'));
  const queue = row('queue (awaiting support)', await cannon(ROUTES.queue, agent));
  const search = row(`search q=${RARE_WORD}`, await cannon(ROUTES.search, agent));
  const list = row("a customer's ticket list", await cannon(ROUTES.customer, customer));
  const after = row('GET /api/health (after)', await cannon('/api/health'));
  return [before, queue, search, list, after];
}

function report(results: { size: Size; rows: Row[] }[]) {
  const W = 30;
  const ratios = results.map(({ size, rows }) => {
    const [before, , , , after] = rows;
    const healthP99 = Math.max(1, ((before?.p99 ?? 1) + (after?.p99 ?? 1)) / 2);
    console.log(`\n${size.name}`);
    console.log(columns(W, 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'p99/hlth'));
    for (const r of rows) {
      console.log(
        columns(W, r.name, ...speeds(r), r.non2xx + r.errors, (r.p99 / healthP99).toFixed(2)),
      );
    }
    return rows.slice(1, 4).map((r) => r.p99 / healthP99);
  });
  const [small, large] = ratios;
  console.log('\np99/health at 500,000 messages divided by the same at 5,000 (target ≤ 1.5):');
  ['queue', 'search', 'customer list'].forEach((name, i) => {
    const growth = (large?.[i] ?? 0) / Math.max(0.01, small?.[i] ?? 0);
    console.log(`  ${name.padEnd(16)} ${growth.toFixed(2)}  ${growth <= 1.5 ? 'PASS' : 'FAIL'}`);
  });
}

/** The three queries as the portal runs them (the shapes Prisma sends), with their plans. */
async function explain(client: pg.Client) {
  const customer = await client.query<{ id: number }>(
    `SELECT id FROM users WHERE email = 'customer@bench.test'`,
  );
  const queries: [string, string][] = [
    [
      'queue page (status = awaiting_support)',
      `SELECT id FROM tickets WHERE status = 'AWAITING_SUPPORT'
        ORDER BY sla_due_at ASC NULLS LAST, priority DESC, created_at ASC, id ASC LIMIT 20`,
    ],
    [
      'search',
      `SELECT id FROM (
         SELECT t.id FROM tickets t
          WHERE to_tsvector('english', t.subject || ' ' || t.description)
                @@ websearch_to_tsquery('english', '${RARE_WORD}')
         UNION
         SELECT m.ticket_id FROM ticket_messages m
          WHERE to_tsvector('english', m.body) @@ websearch_to_tsquery('english', '${RARE_WORD}')
       ) found LIMIT 1000`,
    ],
    [
      "customer's list",
      `SELECT id FROM tickets WHERE user_id = ${customer.rows[0]?.id ?? 0}
        ORDER BY last_message_at DESC, id DESC LIMIT 20`,
    ],
  ];
  let seqOnMessages = false;
  for (const [name, sql] of queries) {
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF) ${sql}`,
    );
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    if (lines.some((l) => /Seq Scan on ticket_messages/.test(l))) seqOnMessages = true;
    console.log(`\nplan: ${name}`);
    for (const line of lines) console.log(`  ${line}`);
  }
  console.log(
    `\nsequential scans of ticket_messages: ${seqOnMessages ? 'FOUND (FAIL)' : 'none (PASS)'}`,
  );
}

bench.exitWith(main);
