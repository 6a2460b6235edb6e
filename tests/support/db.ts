import { afterAll } from 'vitest';
import { db } from '@/lib/db/client';

/** Closes the file's database pool once its tests are done, so the test worker can exit. */
export function disconnectAfterAll(): void {
  afterAll(async () => {
    await db.$disconnect();
  });
}
