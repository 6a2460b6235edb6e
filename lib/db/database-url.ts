/**
 * One place decides which PostgreSQL the process talks to: DATABASE_URL when
 * set, otherwise the embedded PGlite server (tools/embedded-db, npm run db:embedded) on a
 * local port. Every process connects over TCP, so the app, the seed and the
 * tests share one code path.
 */
export const EMBEDDED_DB_DEFAULT_PORT = 54329;

export function embeddedDatabasePort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EMBEDDED_DB_PORT;
  const port = raw ? Number(raw) : EMBEDDED_DB_DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_DB_PORT must be a TCP port, got "${raw}"`);
  }
  return port;
}

export function embeddedDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `postgresql://postgres:postgres@127.0.0.1:${embeddedDatabasePort(env)}/postgres?sslmode=disable`;
}

export function isEmbeddedDatabase(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.DATABASE_URL;
}

export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || embeddedDatabaseUrl(env);
}
