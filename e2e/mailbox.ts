import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expect } from './fixtures';

/**
 * The test SMTP server's mailbox: `npm test` runs a real SMTP server for the portal's mail and
 * keeps each message it receives as a numbered .eml file in MAIL_SINK_DIR. The browser tests read
 * their mail there, as the customer reads it.
 */
const DIR = process.env.MAIL_SINK_DIR ?? '';

interface Mail {
  seq: number;
  to: string[];
  subject: string;
  text: string;
}

const parsed = new Map<string, Mail>();

async function mailbox(after: number): Promise<Mail[]> {
  if (!DIR) throw new Error('MAIL_SINK_DIR is not set: run the browser tests through npm test');
  const names = readdirSync(DIR)
    .filter((n) => /^\d+\.eml$/.test(n) && Number.parseInt(n, 10) > after)
    .sort()
    .reverse();
  const mails: Mail[] = [];
  for (const name of names) {
    let mail = parsed.get(name);
    if (!mail) {
      const message = await simpleParser(readFileSync(path.join(DIR, name)));
      const to = [message.to ?? []]
        .flat()
        .flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
      mail = {
        seq: Number.parseInt(name, 10),
        to,
        subject: message.subject ?? '',
        text: message.text ?? '',
      };
      parsed.set(name, mail);
    }
    mails.push(mail);
  }
  return mails;
}

/** How many messages the SMTP server has received so far: later mail has a higher number. */
export function lastMailSeq(): number {
  if (!DIR) return 0;
  const seqs = readdirSync(DIR)
    .filter((n) => /^\d+\.eml$/.test(n))
    .map((n) => Number.parseInt(n, 10));
  return Math.max(0, ...seqs);
}

/**
 * The path and query of the link to `linkPath` in the newest mail to `toAddress` received after
 * message `after`, waiting up to 20 s (mail goes out through the job queue).
 */
export async function mailedLink(toAddress: string, linkPath: string, after = 0): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s/]+(${linkPath}\\?token=[A-Za-z0-9_%-]+)`);
  let link = '';
  await expect
    .poll(
      async () => {
        const mail = (await mailbox(after)).find(
          (m) => m.to.includes(toAddress.toLowerCase()) && pattern.test(m.text),
        );
        link = mail ? (pattern.exec(mail.text)?.[1] ?? '') : '';
        return link;
      },
      { timeout: 20_000, message: `a mail to ${toAddress} with a link to ${linkPath}` },
    )
    .not.toBe('');
  return link;
}

/** The subjects of the mail to `toAddress` received after message `after`, newest first. */
export async function mailSubjects(toAddress: string, after = 0): Promise<string[]> {
  return (await mailbox(after))
    .filter((m) => m.to.includes(toAddress.toLowerCase()))
    .map((m) => m.subject);
}
