import { randomBytes } from 'node:crypto';
import { PUBLIC_DEPLOYMENT_SECRETS } from '@/lib/env';

type SecretName = (typeof PUBLIC_DEPLOYMENT_SECRETS)[number]['name'];

/**
 * Fresh values for every secret lib/env demands once APP_URL or HOST is not loopback, so a test
 * that sets a public APP_URL (https cookies, checkout origins) can start the portal without
 * copying a literal that then counts as published. Spread it into process.env before the first
 * getEnv() of the file.
 */
export function publicDeploymentSecrets(): Record<SecretName | 'SMTP_URL', string> {
  // A public deployment also needs a mail server (or MAIL_DISABLED=1); this one is never dialled.
  const secrets = { SMTP_URL: 'smtp://mail.example.com:587' } as Record<
    SecretName | 'SMTP_URL',
    string
  >;
  for (const { name } of PUBLIC_DEPLOYMENT_SECRETS) {
    const random = randomBytes(32).toString('hex');
    secrets[name] = name === 'STRIPE_WEBHOOK_SECRET' ? `whsec_${random}` : random;
  }
  return secrets;
}
