/**
 * npm run db:embedded — runs the embedded PostgreSQL (PGlite) in the foreground.
 *
 * EMBEDDED_DB_PORT (default 54329) picks the port, PGLITE_DATA_DIR the data folder
 * (default .data/pglite; 'memory://' for a throw-away database). Ctrl-C stops it cleanly,
 * which matters: PGlite only flushes its data folder on close.
 */
import { embeddedDatabasePort } from '../../lib/db/database-url';
import { DEFAULT_EMBEDDED_DATA_DIR, startEmbeddedServer } from './server';
import { stopOnSignals } from '../process/http';

async function main(): Promise<void> {
  const dataDir = process.env.PGLITE_DATA_DIR || DEFAULT_EMBEDDED_DATA_DIR;
  const server = await startEmbeddedServer({
    dataDir,
    port: embeddedDatabasePort(),
    host: process.env.EMBEDDED_DB_HOST || '127.0.0.1',
  });
  console.log(`Embedded PostgreSQL (PGlite) on ${server.url}`);
  console.log(`Data folder: ${dataDir}`);

  const shutdown = stopOnSignals('the embedded PostgreSQL', () => server.stop());
  // Set by ensureEmbeddedServer(): the parent holds our stdin, so EOF means it has gone.
  if (process.env.EMBEDDED_DB_STOP_ON_STDIN_EOF === '1') {
    process.stdin.once('end', () => shutdown('parent process gone'));
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
