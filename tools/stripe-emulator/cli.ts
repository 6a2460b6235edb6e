/**
 * Runs the Stripe emulator in the foreground:
 *
 *   STRIPE_WEBHOOK_URL=http://127.0.0.1:3000/api/webhooks/stripe \
 *   STRIPE_WEBHOOK_SECRET=whsec_… npx tsx tools/stripe-emulator/cli.ts
 *
 * STRIPE_EMULATOR_PORT defaults to 12111. Stops on Ctrl-C / SIGTERM.
 */
import { startStripeEmulator } from './index';

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const webhookUrl = process.env.STRIPE_WEBHOOK_URL || undefined;
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? '';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `STRIPE_EMULATOR_PORT must be a port number, not "${process.env.STRIPE_EMULATOR_PORT}".`,
  );
  process.exit(1);
}
if (webhookUrl && !webhookSecret.startsWith('whsec_')) {
  console.error('STRIPE_WEBHOOK_SECRET (whsec_…) is required when STRIPE_WEBHOOK_URL is set.');
  process.exit(1);
}

const emulator = await startStripeEmulator({ port, webhookUrl, webhookSecret });
console.log(`Stripe emulator listening on ${emulator.url}`);
console.log(
  webhookUrl ? `Webhooks go to ${webhookUrl}` : 'No STRIPE_WEBHOOK_URL: events are not delivered.',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
