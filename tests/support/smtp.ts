import { simpleParser, type ParsedMail } from 'mailparser';
import { startSmtpReceiver, type SmtpReceiver } from '@/tools/mail/smtp-receiver';

export interface SinkMessage {
  parsed: ParsedMail;
  raw: string;
  recipients: string[];
}

/**
 * A real SMTP server on loopback that keeps what it receives: outgoing mail is delivered to it
 * over SMTP by nodemailer, as to any mail server. It can be stopped and started again on the same
 * port, to stand for a mail server that is down for a while.
 */
export async function startSmtpSink() {
  const messages: SinkMessage[] = [];
  const onMessage = async ({ raw, recipients }: { raw: Buffer; recipients: string[] }) => {
    messages.push({ parsed: await simpleParser(raw), raw: raw.toString('utf8'), recipients });
  };
  let server: SmtpReceiver | null = await startSmtpReceiver({ onMessage });
  const port = server.port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server ??= await startSmtpReceiver({ port, onMessage });
    },
    /** Waits until a message matches, or fails after `timeoutMs`. */
    async waitFor(match: (m: SinkMessage) => boolean, timeoutMs = 20_000): Promise<SinkMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('no such message arrived in time');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
