/**
 * Ports and readiness for the servers that the test runner, the demo, the benchmarks and the
 * tests start as child processes.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 at the time of asking (the system picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Polls the portal's `/api/ready` at `url` until it answers 2xx. Throws as soon as `server` has
 * exited (its log says why), or when `timeoutMs` has passed.
 */
export async function waitForReady(
  url: string,
  server: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server at ${url} exited (${server.exitCode ?? server.signalCode})`);
    }
    const ready = await fetch(`${url}/api/ready`).then(
      (res) => res.ok,
      () => false, // not listening yet
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}
