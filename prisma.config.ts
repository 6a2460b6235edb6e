import { defineConfig } from 'prisma/config';

// DATABASE_URL is optional here: `prisma generate` needs none, and without it
// the portal uses its embedded PostgreSQL (see tools/embedded-db/server.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:54329/postgres' },
});
