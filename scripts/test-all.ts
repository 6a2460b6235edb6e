/**
 * `npm test`: every suite, in order, with one summary line at the end.
 *
 *   format, lint, typecheck       -> one check each
 *   integration                   -> Vitest, the domain layer on a real database
 *   integration (embedded smoke)  -> the same suite on the embedded database, when DATABASE_URL
 *                                    points at a server (CI), so both databases are exercised
 *   build                         -> next build
 *   api                           -> Vitest over HTTP against the built app
 *   e2e                           -> Playwright in Chromium
 *   leaks                         -> scans every response and log line the suites produced
 *
 * No Stripe key is used: the servers talk to the project's Stripe emulator, started here with its
 * webhooks pointed at the main server (integration tests start their own emulators).
 *
 * With no DATABASE_URL an in-memory embedded PostgreSQL is started for the run. A suite that
 * crashes or writes no report counts as one failure, never as zero.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '../tools/embedded-db/server';
import { migrate } from '../lib/db/migrate';
import { freePort, waitForReady } from '../tools/process/ports';
import { startSmtpReceiver } from '../tools/mail/smtp-receiver';
import { startStripeEmulator, type StripeEmulator } from '../tools/stripe-emulator';
import { startOidcProvider } from '../tools/oidc-provider/provider';

/** Child-process environments (process.env's own type marks NODE_ENV read-only). */
type Env = Record<string, string | undefined>;

const ROOT = path.resolve(import.meta.dirname, '..');
const ARTIFACTS = path.resolve(
  process.env.TEST_ARTIFACTS_DIR ?? path.join(ROOT, '.data', 'test-artifacts'),
);
/** `npm test -- --only build,api` runs a subset (for working on one suite); CI runs them all. */
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? new Set((process.argv[i + 1] ?? '').split(',')) : null;
})();
const wanted = (suite: string) => !ONLY || ONLY.has(suite);
const BIN = path.join(ROOT, 'node_modules', '.bin');

interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}

const results: SuiteResult[] = [];
const children = new Set<ChildProcess>();

function log(message: string): void {
  console.log(`\n\u001b[1m[test] ${message}\u001b[0m`);
}

function run(command: string, args: string[], env: Env, logName: string): Promise<number> {
  return new Promise((resolve) => {
    const out = createWriteStream(path.join(ARTIFACTS, `${logName}.log`));
    const child = spawn(command, args, {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      out.write(chunk);
    });
    child.on('close', (code) => {
      children.delete(child);
      out.end();
      resolve(code ?? 1);
    });
    child.on('error', () => resolve(1));
  });
}

async function check(suite: string, command: string, args: string[], env: Env) {
  log(suite);
  const code = await run(command, args, env, suite);
  results.push({ suite, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  return code === 0;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  numTotalTests: number;
}

async function vitest(suite: string, project: string, env: Env): Promise<void> {
  log(suite);
  const report = path.join(ARTIFACTS, `${suite.replace(/\W+/g, '-')}.json`);
  rmSync(report, { force: true });
  const code = await run(
    path.join(BIN, 'vitest'),
    [
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      // `API_TESTS="tests/api/x.test.ts" npm test -- --only build,api` runs some files only.
      ...(project === 'api' && process.env.API_TESTS ? process.env.API_TESTS.split(/\s+/) : []),
    ],
    env,
    suite.replace(/\W+/g, '-'),
  );
  if (!existsSync(report)) {
    results.push({ suite, passed: 0, failed: 1, skipped: 0, note: `no report (exit ${code})` });
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
  // A file that fails to load has no tests but a failed suite: count it.
  const crashed = r.numFailedTests === 0 && (r.numFailedTestSuites > 0 || code !== 0) ? 1 : 0;
  results.push({
    suite,
    passed: r.numPassedTests,
    failed: r.numFailedTests + crashed,
    skipped: r.numPendingTests + r.numTodoTests,
    note: r.numTotalTests === 0 ? 'ran no test' : undefined,
  });
  if (r.numTotalTests === 0) results[results.length - 1]!.failed += 1;
}

interface PlaywrightReport {
  stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
}

async function playwright(env: Env): Promise<void> {
  const suite = 'e2e';
  log(suite);
  const report = path.join(ARTIFACTS, 'e2e.json');
  rmSync(report, { force: true });
  const code = await run(
    path.join(BIN, 'playwright'),
    // E2E_SPECS="e2e/support.spec.ts" runs some specs only, while working on them; CI runs all.
    ['test', ...(process.env.E2E_SPECS ?? '').split(/\s+/).filter(Boolean)],
    {
      ...env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      // Fixtures call the domain layer directly; `server-only` must resolve to its no-op.
      NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --conditions=react-server`.trim(),
    },
    suite,
  );
  if (!existsSync(report)) {
    results.push({ suite, passed: 0, failed: 1, skipped: 0, note: `no report (exit ${code})` });
    return;
  }
  const stats = (JSON.parse(readFileSync(report, 'utf8')) as PlaywrightReport).stats;
  if (!stats || stats.expected + stats.unexpected + stats.flaky === 0) {
    results.push({ suite, passed: 0, failed: 1, skipped: 0, note: 'ran no test' });
    return;
  }
  results.push({
    suite,
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0),
    skipped: stats.skipped,
  });
}

function startServer(name: string, env: Env): ChildProcess {
  const out = createWriteStream(path.join(ARTIFACTS, `server-${name}.log`));
  const child = spawn(path.join(BIN, 'tsx'), ['scripts/server.ts'], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
  children.delete(child);
}

/** An embedded in-memory PostgreSQL for this run, migrated, with its env for child processes. */
async function embeddedDatabase(): Promise<{ server: EmbeddedServer; env: Env }> {
  const server = await startEmbeddedServer({ dataDir: 'memory://', port: 0 });
  await migrate({ databaseUrl: server.url });
  return { server, env: { EMBEDDED_DB_PORT: String(server.port), DATABASE_URL: undefined } };
}

function summary(): void {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const skipped = results.reduce((n, r) => n + r.skipped, 0);
  console.log('\nSuite                          passed  failed  skipped');
  for (const r of results) {
    console.log(
      `${r.suite.padEnd(30)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  // The closing line stands alone, with blank lines around it.
  process.stdout.write(
    `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n\n`,
  );
  process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

async function main(): Promise<void> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const base: Env = {
    ...(process.env as Env),
    NEXT_TELEMETRY_DISABLED: '1',
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    TEST_ARTIFACTS_DIR: ARTIFACTS,
    FORCE_COLOR: '0',
  };
  delete base.NODE_ENV;

  if (wanted('format')) await check('format', path.join(BIN, 'prettier'), ['--check', '.'], base);
  if (wanted('lint')) {
    await check('lint', path.join(BIN, 'eslint'), ['.', '--max-warnings', '0'], base);
  }
  if (wanted('typecheck')) {
    await check('typecheck', path.join(BIN, 'tsc'), ['--noEmit', '-p', '.'], base);
  }

  let dbEnv: Env;
  let embedded: EmbeddedServer | undefined;
  const realServer = !!process.env.DATABASE_URL;
  try {
    if (realServer) {
      log(`database: ${new URL(process.env.DATABASE_URL ?? '').host} (DATABASE_URL)`);
      await migrate({ databaseUrl: process.env.DATABASE_URL ?? '' });
      dbEnv = {};
    } else {
      log('database: embedded PostgreSQL (PGlite, in memory)');
      const e = await embeddedDatabase();
      embedded = e.server;
      dbEnv = e.env;
    }
  } catch (err) {
    results.push({ suite: 'database setup', passed: 0, failed: 1, skipped: 0, note: String(err) });
    summary();
    return;
  }

  // The demo data (document 1's contracts) is what the contract replays read.
  const seeded = await run(
    path.join(BIN, 'tsx'),
    ['--conditions=react-server', 'prisma/seed.ts'],
    { ...base, ...dbEnv, BCRYPT_COST: '4' },
    'seed',
  );
  if (seeded !== 0) {
    results.push({ suite: 'database seed', passed: 0, failed: 1, skipped: 0 });
  }

  const testEnv: Env = { ...base, ...dbEnv, BCRYPT_COST: '4', NODE_ENV: 'test' };
  if (wanted('integration')) await vitest('integration', 'integration', testEnv);

  if (realServer && wanted('integration')) {
    const smoke = await embeddedDatabase().catch((err: unknown) => {
      results.push({
        suite: 'embedded smoke setup',
        passed: 0,
        failed: 1,
        skipped: 0,
        note: String(err),
      });
      return undefined;
    });
    if (smoke) {
      await run(
        path.join(BIN, 'tsx'),
        ['--conditions=react-server', 'prisma/seed.ts'],
        { ...base, ...smoke.env, DATABASE_URL: undefined, BCRYPT_COST: '4' },
        'seed-embedded',
      );
      await vitest('integration (embedded smoke)', 'integration', {
        ...testEnv,
        ...smoke.env,
        DATABASE_URL: undefined,
        REDIS_URL: undefined,
      });
      await smoke.server.stop();
    }
  }

  // `--only api` or `--only e2e` reuse the last build when there is one (while working on a suite).
  const built = wanted('build')
    ? await check('build', path.join(BIN, 'next'), ['build'], { ...base, ...dbEnv })
    : (wanted('api') || wanted('e2e')) && existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
  if (built) {
    const [port, strictPort] = await Promise.all([freePort(), freePort()]);
    // A real SMTP server for the servers' mail: each message it receives is kept as a .eml file,
    // which the browser tests read as a person reads their mail (the outbox table has it too).
    const mailDir = path.join(ARTIFACTS, 'mail');
    rmSync(mailDir, { recursive: true, force: true });
    mkdirSync(mailDir, { recursive: true });
    let received = 0;
    const smtp = await startSmtpReceiver({
      onMessage: ({ raw }) => {
        received += 1;
        writeFileSync(path.join(mailDir, `${String(received).padStart(6, '0')}.eml`), raw);
      },
    });
    const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
    let stripeEmulator: StripeEmulator | undefined;
    try {
      stripeEmulator = await startStripeEmulator({
        webhookUrl: `http://localhost:${port}/api/webhooks/stripe`,
        webhookSecret,
        retry: { attempts: 8, baseMs: 250 },
      });
    } catch (err) {
      results.push({
        suite: 'stripe emulator',
        passed: 0,
        failed: 1,
        skipped: 0,
        note: String(err),
      });
    }
    // A real OpenID provider for "Continue with Auth0" and POST /api/v1/auth/callback. The app's
    // redirect URI is never fetched: the tests stop at the redirect and hand the code over. The
    // unlisted one is registered at the provider but not with the portal.
    const oidcClient = {
      clientId: 'sense-portal-tests',
      clientSecret: randomBytes(24).toString('base64url'),
      redirectUris: [
        `http://localhost:${port}/api/auth/callback/oidc`,
        `http://localhost:${strictPort}/api/auth/callback/oidc`,
        'http://127.0.0.1:9/app/oidc-callback',
        'http://127.0.0.1:9/unlisted',
      ],
    };
    const oidcProvider = await startOidcProvider({ clients: [oidcClient] });
    const oidcEnv: Env = {
      OIDC_ISSUER: oidcProvider.issuer,
      OIDC_CLIENT_ID: oidcClient.clientId,
      OIDC_NAME: 'Auth0',
      OIDC_REDIRECT_URIS: 'http://127.0.0.1:9/app/oidc-callback',
    };
    const stripeEnv: Env = {
      STRIPE_EMULATOR: '1',
      STRIPE_API_URL: stripeEmulator?.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_SECRET_KEY: undefined,
    };
    const serverEnv = (p: number, hops: string): Env => ({
      ...base,
      ...dbEnv,
      NODE_ENV: 'production',
      PORT: String(p),
      APP_URL: `http://localhost:${p}`,
      NEXTAUTH_URL: `http://localhost:${p}`,
      NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      BCRYPT_COST: '10',
      TRUST_PROXY_HOPS: hops,
      CORS_ALLOWED_ORIGINS: 'http://third-party.example',
      // Document 2's checkout example returns to a sibling host.
      CHECKOUT_ALLOWED_ORIGINS: 'https://yoursite.com',
      DOWNLOAD_SIGNING_SECRET: randomBytes(32).toString('hex'),
      SUPPORT_REPLY_SECRET: randomBytes(32).toString('hex'),
      INBOUND_EMAIL_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'info',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      ...stripeEnv,
      ...oidcEnv,
      OIDC_CLIENT_SECRET: oidcClient.clientSecret,
    });
    // Both servers share one JWT secret so a token works on either, as on two real instances.
    const mainEnv = serverEnv(port, '1');
    const strictEnv = {
      ...serverEnv(strictPort, '0'),
      JWT_SECRET: mainEnv.JWT_SECRET,
      NEXTAUTH_SECRET: mainEnv.NEXTAUTH_SECRET,
      DOWNLOAD_SIGNING_SECRET: mainEnv.DOWNLOAD_SIGNING_SECRET,
      SUPPORT_REPLY_SECRET: mainEnv.SUPPORT_REPLY_SECRET,
      INBOUND_EMAIL_SECRET: mainEnv.INBOUND_EMAIL_SECRET,
    };
    const main = startServer('main', mainEnv);
    const strict = startServer('strict', strictEnv);
    try {
      await Promise.all([
        waitForReady(`http://localhost:${port}`, main),
        waitForReady(`http://localhost:${strictPort}`, strict),
      ]);
      const clientEnv: Env = {
        ...testEnv,
        PORTAL_URL: `http://localhost:${port}`,
        PORTAL_STRICT_URL: `http://localhost:${strictPort}`,
        BCRYPT_COST: '10',
        JWT_SECRET: mainEnv.JWT_SECRET,
        DOWNLOAD_SIGNING_SECRET: mainEnv.DOWNLOAD_SIGNING_SECRET,
        SUPPORT_REPLY_SECRET: mainEnv.SUPPORT_REPLY_SECRET,
        INBOUND_EMAIL_SECRET: mainEnv.INBOUND_EMAIL_SECRET,
        MAIL_SINK_DIR: mailDir,
        ...stripeEnv,
        // Named apart from OIDC_*: the tests' own process is no portal with a half-set provider.
        TEST_OIDC_ISSUER: oidcEnv.OIDC_ISSUER,
        TEST_OIDC_CLIENT_ID: oidcEnv.OIDC_CLIENT_ID,
        TEST_OIDC_REDIRECT_URI: oidcEnv.OIDC_REDIRECT_URIS,
        TEST_OIDC_UNLISTED_REDIRECT_URI: 'http://127.0.0.1:9/unlisted',
      };
      if (wanted('api')) await vitest('api', 'api', clientEnv);
      if (wanted('e2e')) await playwright(clientEnv);
    } catch (err) {
      results.push({ suite: 'servers', passed: 0, failed: 1, skipped: 0, note: String(err) });
    } finally {
      await Promise.all([
        stopServer(main),
        stopServer(strict),
        stripeEmulator?.stop(),
        smtp.stop(),
        oidcProvider.stop(),
      ]);
    }
  }

  if (wanted('leaks')) await vitest('leaks', 'leaks', testEnv);
  await embedded?.stop();
  summary();
}

function cleanup(): void {
  for (const child of children) child.kill('SIGKILL');
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
process.on('exit', cleanup);

main().catch((err: unknown) => {
  console.error(err);
  results.push({ suite: 'runner', passed: 0, failed: 1, skipped: 0, note: String(err) });
  summary();
});
