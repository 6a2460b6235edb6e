/**
 * prisma/migrations must build exactly the database prisma/schema.prisma describes: a schema
 * change without a migration (or an edited migration) fails here, not in production.
 *
 * Runs against resolveDatabaseUrl(): DATABASE_URL, or the embedded PGlite server (which the test
 * runner starts when DATABASE_URL is unset). Everything happens in scratch schemas with random
 * names, dropped afterwards, so it never touches the application's tables.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabaseUrl } from '../../lib/db/database-url';
import {
  DEFAULT_MIGRATIONS_DIR,
  MIGRATIONS_TABLE,
  migrate,
  quoteIdent,
  readMigrations,
} from '../../lib/db/migrate';
import { SCHEMA_FILE } from '../../tools/migrations/paths';
import { prismaDiffSql } from '../../tools/migrations/prisma-diff';

const databaseUrl = resolveDatabaseUrl();
/** Each Prisma CLI spawn takes one to a few seconds; PGlite is slower than a real server. */
const SLOW = { timeout: 120_000 };

const scratchSchemas: string[] = [];
let tempDir = '';

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'schema-drift-'));
});

afterAll(async () => {
  await withClient(async (client) => {
    for (const schema of scratchSchemas) {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    }
  });
  await rm(tempDir, { recursive: true, force: true });
}, SLOW.timeout);

describe('prisma/migrations vs prisma/schema.prisma', () => {
  let fromMigrations: string[] = [];

  beforeAll(async () => {
    const schema = await createScratchSchema('drift_migrations');
    await migrate({ databaseUrl, schema });
    fromMigrations = await describeSchema(schema);
  }, SLOW.timeout);

  it('the migrations build the database the schema describes', SLOW, async () => {
    const fromSchema = await describeSchema(await buildFromSchemaFile(SCHEMA_FILE, 'drift_schema'));

    expect(fromMigrations.length).toBeGreaterThan(0);
    const drift = catalogueDiff(withoutSqlOnly(fromMigrations), fromSchema);
    expect(drift, formatDrift(drift)).toEqual([]);
  });

  it('the migrations add the full-text indexes schema.prisma cannot express', () => {
    const sqlOnly = fromMigrations.filter((line) => SQL_ONLY_INDEX.test(line));
    expect(sqlOnly).toEqual([
      expect.stringMatching(
        /^index ticket_messages_fts_idx on ticket_messages: .* USING gin \(to_tsvector\('english'::regconfig, body\)\)$/,
      ),
      expect.stringMatching(
        /^index tickets_fts_idx on tickets: .* USING gin \(to_tsvector\('english'::regconfig, /,
      ),
    ]);
  });

  it('the comparison notices a schema change that has no migration', SLOW, async () => {
    const changed = path.join(tempDir, 'schema-with-probe.prisma');
    const original = await readFile(SCHEMA_FILE, 'utf8');
    const probed = original.replace(/^model User \{\n/m, '$&  drift_probe String?\n');
    expect(probed).not.toBe(original);
    await writeFile(changed, probed, 'utf8');

    const fromChanged = await describeSchema(await buildFromSchemaFile(changed, 'drift_probe'));

    const drift = catalogueDiff(withoutSqlOnly(fromMigrations), fromChanged);
    expect(drift).toEqual([
      expect.stringMatching(/^only in schema\.prisma: column users\.drift_probe text NULL/),
    ]);
  });
});

describe('the migration runner', () => {
  it(
    'applies each migration once, records it as Prisma does, and is idempotent',
    SLOW,
    async () => {
      const schema = await createScratchSchema('drift_runner');
      const files = await readMigrations(DEFAULT_MIGRATIONS_DIR);
      const names = files.map((file) => file.name);

      const first = await migrate({ databaseUrl, schema });
      const second = await migrate({ databaseUrl, schema });

      expect(first.applied).toEqual(names);
      expect(second).toEqual({ schema, applied: [], alreadyApplied: names });
      const rows = await historyRows(schema);
      expect(rows).toEqual(
        files.map((file) => ({
          migration_name: file.name,
          checksum: file.checksum,
          finished: true,
          rolled_back_at: null,
          logs: null,
          applied_steps_count: 1,
        })),
      );
      expect(files.every((file) => /^[0-9a-f]{64}$/.test(file.checksum))).toBe(true);
    },
  );

  it('two runners at once apply each migration exactly once', SLOW, async () => {
    const schema = await createScratchSchema('drift_concurrent');
    const names = (await readMigrations(DEFAULT_MIGRATIONS_DIR)).map((file) => file.name);

    const runs = await Promise.all([
      migrate({ databaseUrl, schema }),
      migrate({ databaseUrl, schema }),
    ]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(names);
    expect((await historyRows(schema)).map((row) => row.migration_name)).toEqual(names);
  });

  it('refuses to continue when an applied migration was edited', SLOW, async () => {
    const schema = await createScratchSchema('drift_tamper');
    await migrate({ databaseUrl, schema });
    await withClient((client) =>
      client.query(
        `UPDATE ${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)} SET checksum = $1
          WHERE migration_name = (SELECT min(migration_name) FROM ${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)})`,
        ['0'.repeat(64)],
      ),
    );

    await expect(migrate({ databaseUrl, schema })).rejects.toThrow(/modified after it was applied/);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createScratchSchema(prefix: string): Promise<string> {
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  scratchSchemas.push(schema);
  await withClient((client) => client.query(`CREATE SCHEMA ${quoteIdent(schema)}`));
  return schema;
}

/** Applies Prisma's from-empty SQL for a schema file inside a new scratch schema. */
async function buildFromSchemaFile(schemaFile: string, prefix: string): Promise<string> {
  const sql = await prismaDiffSql({ toSchemaFile: schemaFile, databaseUrl });
  const schema = await createScratchSchema(prefix);
  await withClient(async (client) => {
    await client.query('BEGIN');
    // SET LOCAL: on PGlite all connections share one session, so a plain SET would leak.
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(sql);
    await client.query('COMMIT');
  });
  return schema;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

async function historyRows(schema: string): Promise<HistoryRow[]> {
  const { rows } = await withClient((client) =>
    client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, logs,
              applied_steps_count
         FROM ${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)} ORDER BY migration_name`,
    ),
  );
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The catalogue: one sorted line per object, with the schema's own name removed so two schemas
// built the same way compare equal.

const CATALOGUE_QUERIES: Record<string, string> = {
  relation: `
    SELECT format('relation %s %s', c.relname,
             CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table'
               WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
               ELSE c.relkind::text END) AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
  column: `
    SELECT format('column %s.%s %s %s%s%s', c.relname, a.attname,
             format_type(a.atttypid, a.atttypmod),
             CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END,
             COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''),
             CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END) AS line
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0
       AND NOT a.attisdropped`,
  enum: `
    SELECT format('enum %s (%s)', t.typname,
             string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)) AS line
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = $1
     GROUP BY t.typname`,
  index: `
    SELECT format('index %s on %s%s%s: %s', i.relname, t.relname,
             CASE WHEN x.indisprimary THEN ' primary' ELSE '' END,
             CASE WHEN x.indisunique THEN ' unique' ELSE '' END,
             pg_get_indexdef(x.indexrelid)) AS line
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = $1`,
  // contype 'n' (PostgreSQL 18's NOT NULL constraints) repeats the columns' nullability.
  constraint: `
    SELECT format('constraint %s on %s %s: %s%s', con.conname, c.relname, con.contype,
             pg_get_constraintdef(con.oid),
             CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END) AS line
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND con.contype <> 'n'`,
};

/**
 * Expression indexes (full-text search) have no spelling in schema.prisma: migrations write them by
 * hand, named *_fts_idx, and the test above checks they are there.
 */
const SQL_ONLY_INDEX = /^index \w+_fts_idx on /;

function withoutSqlOnly(lines: string[]): string[] {
  return lines.filter((line) => !SQL_ONLY_INDEX.test(line));
}

async function describeSchema(schema: string): Promise<string[]> {
  const lines = await withClient(async (client) => {
    // With the schema first on the search_path PostgreSQL prints its objects unqualified
    // (regclass defaults, FK targets, enum types); SET LOCAL keeps that out of other sessions.
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    const found: string[] = [];
    for (const query of Object.values(CATALOGUE_QUERIES)) {
      const { rows } = await client.query<{ line: string }>(query, [schema]);
      found.push(...rows.map((row) => row.line));
    }
    await client.query('COMMIT');
    return found;
  });
  return lines
    .map((line) => stripSchemaName(line, schema))
    .filter((line) => !line.includes(MIGRATIONS_TABLE))
    .sort();
}

/** pg_get_indexdef always qualifies the table; strip both the quoted and the bare form. */
function stripSchemaName(line: string, schema: string): string {
  const escaped = schema.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return line.replace(new RegExp(`"${escaped}"\\.|\\b${escaped}\\.`, 'g'), '');
}

function catalogueDiff(fromMigrations: string[], fromSchema: string[]): string[] {
  const inSchema = new Set(fromSchema);
  const inMigrations = new Set(fromMigrations);
  return [
    ...fromMigrations
      .filter((line) => !inSchema.has(line))
      .map((line) => `only in migrations: ${line}`),
    ...fromSchema
      .filter((line) => !inMigrations.has(line))
      .map((line) => `only in schema.prisma: ${line}`),
  ];
}

function formatDrift(drift: string[]): string {
  return [
    'prisma/migrations and prisma/schema.prisma disagree. Create the missing migration with',
    '`npm run db:migration -- <name>` (never edit an applied one):',
    ...drift.map((line) => `  ${line}`),
  ].join('\n');
}
