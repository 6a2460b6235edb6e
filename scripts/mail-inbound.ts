/**
 * `npm run mail:inbound`: an SMTP listener on 127.0.0.1:MAIL_INBOUND_PORT (2525) that hands every
 * message to the same parser as POST /api/inbound/email. Point a local mail client's reply at it
 * (or `swaks --to reply+…@reply.sense-security.test --server 127.0.0.1:2525`) to answer a ticket
 * by e-mail in the demo.
 */
import { getEnv } from '../lib/env';
import { receiveInboundEmail } from '../lib/mail/inbound';
import { startSmtpReceiver } from '../tools/mail/smtp-receiver';

async function main(): Promise<void> {
  const port = getEnv().MAIL_INBOUND_PORT;
  await startSmtpReceiver({
    port,
    onMessage: async ({ raw, recipients }) => {
      const result = await receiveInboundEmail(raw, { recipients });
      console.log(`${result.outcome.toLowerCase()}: ${result.reason}`);
    },
  });
  console.log(`Inbound mail listener on smtp://127.0.0.1:${port}; Ctrl-C to stop.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
