/**
 * `prisma generate` that works offline. Prisma 7's CLI insists on a schema
 * engine binary it downloads from a host these machines cannot reach, though
 * generate never runs it. Where no engine was downloaded, point the CLI at a
 * placeholder; where one exists (a normal machine), use it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
const enginesDir = path.join(root, 'node_modules', '@prisma', 'engines');
const hasEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasEngine) {
  const placeholder = path.join(root, 'node_modules', '.cache', 'prisma-placeholder-engine');
  mkdirSync(path.dirname(placeholder), { recursive: true });
  writeFileSync(placeholder, '');
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
