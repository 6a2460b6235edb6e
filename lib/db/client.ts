import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { resolveDatabaseUrl } from './database-url';

export type { Prisma } from './generated/client';

/**
 * One connection pool and one Prisma client for the process (kept on
 * globalThis so dev reloads do not open new pools). The pool is exported for
 * the few hot-path reads that are measurably faster as plain SQL (see
 * lib/auth/sessions.ts); everything else goes through Prisma.
 */
const globalForDb = globalThis as unknown as { portalDb?: { pool: pg.Pool; prisma: PrismaClient } };

function create(): { pool: pg.Pool; prisma: PrismaClient } {
  const pool = new pg.Pool({
    connectionString: resolveDatabaseUrl(),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

const handles = (globalForDb.portalDb ??= create());

export const db: PrismaClient = handles.prisma;
export const pool: pg.Pool = handles.pool;
