/**
 * A small SMTP server (the `smtp-server` package) that hands every message it accepts to a
 * callback as raw RFC 822 bytes with its envelope recipients. `npm run mail:inbound` routes what
 * it receives to the portal's inbound parser; the tests use it as the real SMTP server outgoing
 * mail is delivered to. Plain SMTP on loopback, no authentication: development and tests only.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiver {
  port: number;
  stop(): Promise<void>;
}

export interface ReceivedMessage {
  raw: Buffer;
  from: string;
  recipients: string[];
}

export async function startSmtpReceiver(options: {
  host?: string;
  port?: number;
  maxBytes?: number;
  onMessage: (message: ReceivedMessage) => Promise<void> | void;
}): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes ?? 10 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        Promise.resolve(options.onMessage({ raw: Buffer.concat(chunks), from, recipients }))
          .then(() => callback())
          .catch((err: unknown) =>
            callback(Object.assign(new Error(String(err)), { responseCode: 451 })),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
