/**
 * Migration SQL without Prisma 7's native schema engine (which these machines cannot download):
 * the Prisma 6.19 CLI (package alias `prisma6`) with `engine: 'js'` runs its WASM schema engine
 * through @prisma/adapter-pg instead.
 *
 * Each call writes, in a fresh temp folder: copies of the schemas with the `url` Prisma 6
 * requires (Prisma 7 forbids it, so prisma/schema.prisma has none), placeholder engine files
 * (the CLI only checks that they exist), and a small prisma.config.ts that builds the adapter
 * with createDiffAdapter() below.
 *
 * Node-only (it spawns the Prisma CLI): never import this from code that Next bundles.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PROJECT_ROOT } from './paths';

const THIS_FILE = fileURLToPath(import.meta.url);
const PRISMA6_CLI = path.join(PROJECT_ROOT, 'node_modules', 'prisma6', 'build', 'index.js');
const PRISMA6_CONFIG_MODULE = path.join(PROJECT_ROOT, 'node_modules', 'prisma6', 'config.js');

/** pg type OIDs: the catalogue's one-byte "char" type, and text. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** pg_constraint.contype of the NOT NULL constraints PostgreSQL 18 records. */
const PG18_NOT_NULL_CONSTRAINT = 'n';

export interface PrismaDiffOptions {
  /** Omit to diff from an empty database. */
  fromSchemaFile?: string;
  toSchemaFile: string;
  /** Any reachable PostgreSQL: the adapter connects even for a datamodel-only diff. */
  databaseUrl: string;
}

export interface PrismaPullOptions {
  databaseUrl: string;
  /** The database schema (namespace) to introspect. */
  schema: string;
}

export class PrismaCliError extends Error {
  override name = 'PrismaCliError';
}

/** The SQL that takes a database from one datamodel (or nothing) to another. */
export async function prismaDiffSql(options: PrismaDiffOptions): Promise<string> {
  return withTempDir(async (dir) => {
    const to = await copySchemaWithUrl(options.toSchemaFile, path.join(dir, 'to.prisma'));
    const from = options.fromSchemaFile
      ? [
          '--from-schema-datamodel',
          await copySchemaWithUrl(options.fromSchemaFile, path.join(dir, 'from.prisma')),
        ]
      : ['--from-empty'];
    const args = ['migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script'];
    return runPrisma6(dir, args, { databaseUrl: options.databaseUrl, schemaFile: to });
  });
}

/**
 * Introspects one schema of a live database into a Prisma datamodel (`prisma db pull --print`).
 * With `engine: 'js'` the CLI refuses `migrate diff --from-url`, so "diff from what the
 * migrations built" is done as pull, then prismaDiffSql({ fromSchemaFile: <pulled> }).
 */
export async function prismaPullDatamodel(options: PrismaPullOptions): Promise<string> {
  return withTempDir(async (dir) => {
    const base = path.join(dir, 'base.prisma');
    await writeFile(base, 'datasource db {\n  provider = "postgresql"\n}\n', 'utf8');
    const schemaFile = await copySchemaWithUrl(base, path.join(dir, 'pull.prisma'));
    const printed = await runPrisma6(dir, ['db', 'pull', '--print'], {
      databaseUrl: options.databaseUrl,
      dbSchema: options.schema,
      schemaFile,
    });
    return datamodelOnly(printed);
  });
}

/** `db pull --print` prints a warning about the ignored `url` on stdout before the datamodel. */
function datamodelOnly(printed: string): string {
  const start = printed.search(/^(datasource|generator)\s/m);
  if (start < 0) throw new PrismaCliError(`prisma6 db pull printed no datamodel:\n${printed}`);
  return printed.slice(start);
}

/** Prisma writes "-- This is an empty migration." when nothing differs. */
export function isEmptyMigrationSql(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}

/**
 * A diff from empty starts with `CREATE SCHEMA IF NOT EXISTS "public"`; `prisma migrate dev`
 * (which diffs from a shadow database that has public) never writes it, and the runner applies
 * migrations with search_path set to its target schema, so a migration file should not have it.
 */
export function stripPublicSchemaCreation(sql: string): string {
  return sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, '');
}

/**
 * The adapter the generated prisma.config.ts uses. Exported for that config only.
 *
 * Its pooled clients adapt two things the Prisma 6 schema engine's introspection trips on:
 * - @prisma/adapter-pg 7 maps no column type for PostgreSQL's internal one-byte "char"
 *   (OID 18), which the engine's catalogue queries read (relkind, contype, ...): it fails with
 *   "Column type 'char' could not be deserialized". Such fields are relabelled as text; the
 *   values are plain strings either way.
 * - PostgreSQL 18 (which PGlite 0.5 is) lists NOT NULL constraints in pg_constraint with contype
 *   'n'. Prisma 6.19 predates that and its WASM engine panics ("unreachable") on those rows.
 *   Nullability is read from the columns anyway, so those rows are dropped.
 */
export function createDiffAdapter(databaseUrl: string, dbSchema?: string): PrismaPg {
  // allowExitOnIdle: otherwise the idle pool keeps the CLI process alive for 10 s after it is done.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, allowExitOnIdle: true });
  pool.on('connect', adaptResultsForPrisma6);
  return new PrismaPg(pool, dbSchema ? { schema: dbSchema } : undefined);
}

function adaptResultsForPrisma6(client: pg.PoolClient): void {
  const query = client.query.bind(client) as unknown as (...args: unknown[]) => unknown;
  const adapted = (...args: unknown[]): unknown => {
    // pool.query() calls client.query() in its callback form; the adapter's transactions use
    // the promise form.
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      const wrapped = (error: unknown, result: unknown): unknown =>
        callback(error, error ? result : adaptResult(result));
      return query(...args.slice(0, -1), wrapped);
    }
    const result = query(...args);
    return result instanceof Promise ? result.then(adaptResult) : result;
  };
  client.query = adapted as unknown as typeof client.query;
}

function adaptResult(raw: unknown): unknown {
  const result = raw as Partial<pg.QueryResult<unknown[] | Record<string, unknown>>> | null;
  if (!result?.fields || !result.rows) return raw;
  for (const field of result.fields) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  const typeColumn = result.fields.findIndex((field) => field.name === 'constraint_type');
  if (typeColumn >= 0) {
    result.rows = result.rows.filter((row) => {
      const value = Array.isArray(row) ? row[typeColumn] : row.constraint_type;
      return value !== PG18_NOT_NULL_CONSTRAINT;
    });
    result.rowCount = result.rows.length;
  }
  return raw;
}

// ---------------------------------------------------------------------------------------------

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'prisma-diff-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prisma 6 insists on `url` in the datasource block (it is ignored with an adapter). */
async function copySchemaWithUrl(source: string, target: string): Promise<string> {
  const text = await readFile(source, 'utf8');
  await writeFile(target, injectDatasourceUrl(text), 'utf8');
  return target;
}

export function injectDatasourceUrl(schema: string): string {
  const block = /datasource\s+\w+\s*\{[^}]*\}/.exec(schema);
  if (!block) throw new PrismaCliError('The Prisma schema has no datasource block.');
  if (/^\s*url\s*=/m.test(block[0])) return schema;
  const withUrl = block[0].replace(
    /^(\s*)(provider\s*=.*)$/m,
    (_line, indent: string, provider: string) =>
      `${indent}${provider}\n${indent}url = env("DATABASE_URL")`,
  );
  return schema.replace(block[0], withUrl);
}

interface Prisma6Context {
  databaseUrl: string;
  dbSchema?: string;
  schemaFile: string;
}

async function runPrisma6(dir: string, args: string[], context: Prisma6Context): Promise<string> {
  const configFile = path.join(dir, 'prisma6.config.ts');
  await writeFile(configFile, configSource(context), 'utf8');
  // The CLI only checks that engine files exist: with engine 'js' it never runs them.
  const placeholderEngine = path.join(dir, 'placeholder-engine');
  await writeFile(placeholderEngine, '', 'utf8');

  // cwd is the temp folder so no project prisma.config.ts or .env can be picked up.
  const { code, stdout, stderr } = await spawnNode(
    dir,
    [PRISMA6_CLI, ...args, '--config', configFile],
    {
      ...process.env,
      DATABASE_URL: context.databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: placeholderEngine,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholderEngine,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  );
  if (code !== 0) {
    throw new PrismaCliError(
      `prisma6 ${args.slice(0, 2).join(' ')} failed (exit ${code}):\n${stderr.trim()}`,
    );
  }
  return stripCliChatter(stdout);
}

function configSource(context: Prisma6Context): string {
  const adapterArgs = [context.databaseUrl, ...(context.dbSchema ? [context.dbSchema] : [])];
  return [
    `import { defineConfig } from ${JSON.stringify(PRISMA6_CONFIG_MODULE)};`,
    `import { createDiffAdapter } from ${JSON.stringify(THIS_FILE)};`,
    'export default defineConfig({',
    '  experimental: { adapter: true },',
    "  engine: 'js',",
    `  schema: ${JSON.stringify(context.schemaFile)},`,
    `  adapter: async () => createDiffAdapter(${adapterArgs.map((arg) => JSON.stringify(arg)).join(', ')}),`,
    '});',
    '',
  ].join('\n');
}

/** Some CLI versions print their config banner on stdout; it is not part of the SQL. */
function stripCliChatter(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !/^(Loaded Prisma config from |Prisma config detected, )/.test(line))
    .join('\n')
    .trim()
    .concat('\n');
}

function spawnNode(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}
