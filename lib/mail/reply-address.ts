import { createHmac, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';

/**
 * The per-recipient Reply-To of support e-mail: `reply+<ticket>.<user>.<mac>@SUPPORT_REPLY_DOMAIN`.
 * The MAC is HMAC-SHA256 over ticket and recipient under SUPPORT_REPLY_SECRET, cut to 128 bits,
 * so an address cannot be guessed or moved to another ticket or person; whoever holds it still
 * has to send from the recipient's own address.
 */
const MAC_BYTES = 16;
const LOCAL_PART = /^reply\+([1-9]\d{0,9})\.([1-9]\d{0,9})\.([A-Za-z0-9_-]{22})$/;

function mac(ticketId: number, userId: number): Buffer {
  return createHmac('sha256', getEnv().supportReplySecret)
    .update(`support-reply:${ticketId}:${userId}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function replyAddress(ticketId: number, userId: number): string {
  const token = mac(ticketId, userId).toString('base64url');
  return `reply+${ticketId}.${userId}.${token}@${getEnv().SUPPORT_REPLY_DOMAIN}`;
}

export type ReplyAddressCheck =
  | { ok: true; ticketId: number; userId: number }
  | { ok: false; reason: 'no reply address' | 'forged reply address' };

/** Finds our reply address among the recipients and checks its MAC in constant time. */
export function readReplyAddress(recipients: readonly string[]): ReplyAddressCheck {
  const domain = `@${getEnv().SUPPORT_REPLY_DOMAIN.toLowerCase()}`;
  const ours = recipients.filter((r) => r.toLowerCase().endsWith(domain));
  if (ours.length === 0) return { ok: false, reason: 'no reply address' };
  for (const address of ours) {
    const match = LOCAL_PART.exec(address.slice(0, address.length - domain.length));
    if (!match) continue;
    const [, t = '', u = '', token = ''] = match;
    const ticketId = Number(t);
    const userId = Number(u);
    const given = Buffer.from(token, 'base64url');
    if (given.length === MAC_BYTES && timingSafeEqual(given, mac(ticketId, userId))) {
      return { ok: true, ticketId, userId };
    }
  }
  return { ok: false, reason: 'forged reply address' };
}
