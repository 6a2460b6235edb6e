// bcrypt in a worker thread at a lower CPU priority (nice 10 on Linux, where nice is per thread):
// a burst of sign-ins then takes only the CPU that requests, the event loop and the database
// driver leave over, instead of competing with them as equals. Loaded by Piscina from
// lib/auth/password.ts as a plain module, outside Next's bundle.
import { setPriority } from 'node:os';
import bcrypt from 'bcrypt';

try {
  setPriority(10);
} catch {
  // Not permitted here (some containers): run at normal priority.
}

/** @param {{ op: 'hash', value: string, cost: number } | { op: 'compare', value: string, hash: string }} task */
export default function run(task) {
  return task.op === 'hash'
    ? bcrypt.hashSync(task.value, task.cost)
    : bcrypt.compareSync(task.value, task.hash);
}
