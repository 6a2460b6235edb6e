/**
 * npm run db:migration -- <name> — writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL that takes the database built by the existing migrations to prisma/schema.prisma
 * (what `prisma migrate dev --create-only` would write, without its native engine).
 *
 * How: the runner applies the migrations into a scratch schema, Prisma 6 introspects that schema
 * into a datamodel (its js engine refuses `migrate diff --from-url`), and `migrate diff` goes
 * from that datamodel to prisma/schema.prisma. The scratch schema is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  embeddedDatabasePort,
  isEmbeddedDatabase,
  resolveDatabaseUrl,
} from '../lib/db/database-url';
import { ensureEmbeddedServer } from '../tools/embedded-db/server';
import {
  DEFAULT_MIGRATIONS_DIR,
  ensureMigrationLockFile,
  migrate,
  quoteIdent,
  readMigrations,
} from '../lib/db/migrate';
import { PROJECT_ROOT, SCHEMA_FILE } from '../tools/migrations/paths';
import {
  isEmptyMigrationSql,
  prismaDiffSql,
  prismaPullDatamodel,
  stripPublicSchemaCreation,
} from '../tools/migrations/prisma-diff';

async function main(): Promise<void> {
  const name = migrationName(process.argv.slice(2));
  const embedded = isEmbeddedDatabase()
    ? await ensureEmbeddedServer({ port: embeddedDatabasePort() })
    : undefined;
  try {
    const sql = await pendingSql(resolveDatabaseUrl());
    if (isEmptyMigrationSql(sql)) {
      console.log('prisma/schema.prisma matches the migrations: no migration written.');
      return;
    }
    const folder = await writeMigration(name, sql);
    console.log(
      `Wrote ${path.relative(PROJECT_ROOT, folder)}/migration.sql — review it, then run npm run db:migrate.`,
    );
  } finally {
    await embedded?.stop();
  }
}

function migrationName(args: string[]): string {
  const raw = args.filter((arg) => arg !== '--').join('_');
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name) {
    throw new Error('Usage: npm run db:migration -- <name>   (e.g. add_user_locale)');
  }
  return name;
}

/** The SQL from "all migrations applied" to prisma/schema.prisma. */
async function pendingSql(databaseUrl: string): Promise<string> {
  if ((await readMigrations(DEFAULT_MIGRATIONS_DIR)).length === 0) {
    // Nothing to introspect (Prisma refuses to pull an empty schema): diff from empty.
    const sql = await prismaDiffSql({ toSchemaFile: SCHEMA_FILE, databaseUrl });
    return stripPublicSchemaCreation(sql);
  }
  const scratch = `migration_scratch_${randomBytes(6).toString('hex')}`;
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'db-new-migration-'));
  try {
    await migrate({ databaseUrl, schema: scratch });
    const datamodel = await prismaPullDatamodel({ databaseUrl, schema: scratch });
    const fromSchemaFile = path.join(tempDir, 'migrated.prisma');
    await writeFile(fromSchemaFile, datamodel, 'utf8');
    return await prismaDiffSql({ fromSchemaFile, toSchemaFile: SCHEMA_FILE, databaseUrl });
  } finally {
    await dropSchema(databaseUrl, scratch);
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

async function writeMigration(name: string, sql: string): Promise<string> {
  const folder = path.join(DEFAULT_MIGRATIONS_DIR, `${utcTimestamp(new Date())}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), sql, 'utf8');
  await ensureMigrationLockFile();
  return folder;
}

/** Prisma's folder prefix: YYYYMMDDHHMMSS in UTC. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
