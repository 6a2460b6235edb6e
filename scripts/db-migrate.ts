/**
 * npm run db:migrate — applies pending prisma/migrations to the database resolveDatabaseUrl()
 * names (DATABASE_URL, or the embedded PGlite server, started for the run if none is listening).
 * Use this instead of `prisma migrate deploy`, which cannot run here (see lib/db/migrate.ts).
 */
import {
  embeddedDatabasePort,
  isEmbeddedDatabase,
  resolveDatabaseUrl,
} from '../lib/db/database-url';
import { ensureEmbeddedServer } from '../tools/embedded-db/server';
import { ensureMigrationLockFile, migrate } from '../lib/db/migrate';

async function main(): Promise<void> {
  const embedded = isEmbeddedDatabase()
    ? await ensureEmbeddedServer({ port: embeddedDatabasePort() })
    : undefined;
  try {
    await ensureMigrationLockFile();
    const result = await migrate({ databaseUrl: resolveDatabaseUrl(), log: console.log });
    const target = `${redactPassword(resolveDatabaseUrl())} (schema ${result.schema})`;
    if (result.applied.length === 0) {
      console.log(`No pending migrations: ${target} is up to date.`);
    } else {
      console.log(`Applied ${result.applied.length} migration(s) to ${target}:`);
      for (const name of result.applied) console.log(`  ${name}`);
    }
  } finally {
    await embedded?.stop();
  }
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
