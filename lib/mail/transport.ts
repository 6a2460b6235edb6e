import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '@/lib/env';

/**
 * The mail transport: SMTP at SMTP_URL, or nodemailer's JSON transport when there is none (the
 * mail is then only in the outbox, the notifications table, which /dev/outbox shows on loopback).
 */
export interface MailTransport {
  transporter: Transporter;
  kind: 'smtp' | 'outbox';
}

const globalForMail = globalThis as unknown as { portalMail?: MailTransport };

export function mailTransport(): MailTransport {
  if (!globalForMail.portalMail) {
    const url = getEnv().SMTP_URL;
    globalForMail.portalMail = url
      ? {
          kind: 'smtp',
          transporter: nodemailer.createTransport(url, {
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          }),
        }
      : { kind: 'outbox', transporter: nodemailer.createTransport({ jsonTransport: true }) };
  }
  return globalForMail.portalMail;
}

/** Forgets the transport (tests that point SMTP_URL elsewhere). */
export function resetMailTransport(): void {
  globalForMail.portalMail?.transporter.close();
  globalForMail.portalMail = undefined;
}
