/**
 * Serves one PGlite database to many TCP clients over the Postgres wire protocol.
 *
 * PGlite has a single backend, so every client shares one session. @electric-sql/pglite-socket
 * forwards each protocol message on its own; two clients' extended-query messages then
 * interleave (Parse from A, Parse from B, Bind from A) and A binds B's statement or finds none
 * ("unnamed prepared statement does not exist"). This server forwards a client's messages in
 * batches that end where the client waits for an answer (Sync, Query, Flush, Terminate, and the
 * startup message), so each extended-query cycle runs whole. While a client has a transaction
 * open, only that client's batches run, as on a real server's one connection.
 *
 * Node-only: never import this from code that Next bundles.
 */
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types after which a client waits for the server. */
const BATCH_ENDS = new Set(['S', 'Q', 'H', 'X', 'c', 'f']);

interface Pending {
  client: Client;
  batch: Uint8Array;
}

class Client {
  private buffer = Buffer.alloc(0);
  private batch: Buffer[] = [];
  private started = false;

  constructor(
    readonly id: number,
    readonly socket: net.Socket,
  ) {}

  /** Adds received bytes; returns the batches now complete. */
  take(data: Buffer): Uint8Array[] {
    this.buffer = Buffer.concat([this.buffer, data]);
    const ready: Uint8Array[] = [];
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) break;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) break;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
        } else if (code === CANCEL_REQUEST) {
          this.socket.end();
        } else {
          this.started = true;
          ready.push(new Uint8Array(message));
        }
        continue;
      }
      if (this.buffer.length < 5) break;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) break;
      const type = String.fromCharCode(this.buffer[0] ?? 0);
      this.batch.push(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      if (BATCH_ENDS.has(type)) {
        ready.push(new Uint8Array(Buffer.concat(this.batch)));
        this.batch = [];
      }
    }
    return ready;
  }
}

export class PGliteWireServer {
  private server: net.Server | null = null;
  private readonly queue: Pending[] = [];
  private running = false;
  /** The client whose transaction is open: only its batches may run until it ends. */
  private owner: Client | null = null;
  private nextId = 1;
  private readonly clients = new Set<Client>();

  constructor(
    private readonly db: PGlite,
    private readonly options: { host: string; port: number; maxConnections: number },
  ) {}

  async start(): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    if (this.clients.size >= this.options.maxConnections) {
      socket.end();
      return;
    }
    socket.setNoDelay(true);
    const client = new Client(this.nextId++, socket);
    this.clients.add(client);
    socket.on('data', (data: Buffer) => {
      for (const batch of client.take(data)) this.queue.push({ client, batch });
      void this.drain();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.release(client));
  }

  /** A client gone mid-transaction must not leave the shared backend inside it. */
  private async release(client: Client): Promise<void> {
    this.clients.delete(client);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]?.client === client) this.queue.splice(i, 1);
    }
    if (this.owner === client) {
      this.owner = null;
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((p) => p.client === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const [next] = this.queue.splice(index, 1);
        if (!next) break;
        const { client, batch } = next;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(batch, {
              onRawData: (chunk) => {
                if (!client.socket.destroyed) client.socket.write(chunk);
              },
            }),
          );
        } catch {
          client.socket.destroy();
        }
        this.owner = this.db.isInTransaction() ? client : null;
      }
    } finally {
      this.running = false;
    }
  }
}
