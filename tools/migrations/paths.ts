/** Where the migration tooling finds the project and its Prisma schema. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');
