import type { IncomingMessage } from 'node:http';

/**
 * A request body as text, refused with `tooLarge()` (the caller's own error) past `maxBytes`:
 * the development servers' one body reader (the Stripe emulator, the OpenID provider).
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Stops a development server on SIGINT or SIGTERM, then exits; the returned function stops it for another reason. */
export function stopOnSignals(name: string, stop: () => Promise<void>): (reason: string) => void {
  const shutdown = (reason: string): void => {
    console.log(`Stopping ${name} (${reason})...`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return shutdown;
}
