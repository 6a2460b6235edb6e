import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP, isIPv4 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { logger } from '../log';

/**
 * The server (scripts/server.ts) sets `x-portal-client-ip` on every request,
 * overwriting anything a client sent: the socket address, or, when
 * TRUST_PROXY_HOPS is set, the address that many hops back in
 * X-Forwarded-For. A spoofed X-Forwarded-For therefore never chooses the key
 * a rate limit counts against.
 *
 * The value carries an HMAC under a key the server draws at every start and
 * hands to the in-process app through CLIENT_IP_KEY_ENV. Served any other way
 * (plain `next start`), the header would be whatever the caller sent, so the
 * app refuses to guess: without a valid mark a request fails with a 500 and a
 * log line that says how to serve the portal.
 */
export const CLIENT_IP_HEADER = 'x-portal-client-ip';

/** Set by scripts/server.ts at start, never configured: a new random key per process. */
export const CLIENT_IP_KEY_ENV = 'PORTAL_INTERNAL_CLIENT_IP_KEY';

export class UnsignedClientIpError extends Error {
  override name = 'UnsignedClientIpError';
  constructor() {
    super(
      `The request has no valid ${CLIENT_IP_HEADER} mark: the portal must be served by ` +
        'scripts/server.ts (npm start, npm run dev), which signs the client address. Plain ' +
        '`next start` or another server would let callers choose their own rate-limit key.',
    );
  }
}

export function resolveClientIp(input: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedHops: number;
}): string {
  const socket = normalise(input.socketAddress) ?? 'unknown';
  if (input.trustedHops <= 0) return socket;
  const header = Array.isArray(input.forwardedFor)
    ? input.forwardedFor.join(',')
    : (input.forwardedFor ?? '');
  const chain = header
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // The last `trustedHops` entries were appended by our own proxies; the one
  // before them is the client as our outermost proxy saw it.
  const candidate = chain[chain.length - input.trustedHops];
  return normalise(candidate) ?? socket;
}

/** An IP address without port, brackets or zone, IPv4-mapped IPv6 as IPv4; undefined if none. */
function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  let text = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%[\w.-]+$/, '').toLowerCase();
  const version = isIP(text);
  if (version === 0) return undefined;
  if (version === 6) {
    // ::ffff:1.2.3.4 (what a dual-stack socket reports) in any spelling is the IPv4 client.
    const parsed = ipaddr.IPv6.parse(text);
    if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().toString();
  }
  return text;
}

/** The header value scripts/server.ts sends: `<ip>;<base64url HMAC-SHA256 of the ip>`. */
export function markClientIp(ip: string, key: string): string {
  return `${ip};${mac(ip, key)}`;
}

function mac(ip: string, key: string): string {
  // A label in the MAC keeps it from meaning anything outside this header.
  return createHmac('sha256', key).update(`portal-client-ip\n${ip}`).digest('base64url');
}

/** The address a valid mark vouches for, or null. */
export function verifyClientIpMark(value: string | null, key: string | undefined): string | null {
  if (!value || !key) return null;
  const split = value.lastIndexOf(';');
  if (split <= 0) return null;
  const ip = value.slice(0, split);
  const given = Buffer.from(value.slice(split + 1));
  const expected = Buffer.from(mac(ip, key));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return ip;
}

let reported = false;

/**
 * The client address scripts/server.ts vouched for. Throws UnsignedClientIpError when the mark is
 * missing, forged or for another address: answering with a shared or caller-chosen key would
 * make every rate limit meaningless.
 */
export function clientIpFromHeaders(headers: Headers): string {
  const ip = verifyClientIpMark(headers.get(CLIENT_IP_HEADER), process.env[CLIENT_IP_KEY_ENV]);
  if (ip !== null) return ip;
  const error = new UnsignedClientIpError();
  // Once per process: a misconfigured server would otherwise log this on every request.
  if (!reported) {
    reported = true;
    logger.error(
      { event: 'client_ip_unsigned', keyPresent: !!process.env[CLIENT_IP_KEY_ENV] },
      error.message,
    );
  }
  throw error;
}

/**
 * The network an address belongs to, for telling a new device from a known one: an IPv4 address's
 * /24 (`203.0.113.0/24`), an IPv6 address's /48. Anything unreadable is returned unchanged.
 */
export function networkOf(ip: string): string {
  const address = normalise(ip);
  if (address === undefined) return ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  const groups = ipaddr.IPv6.parse(address).parts;
  return `${groups
    .slice(0, 3)
    .map((group) => group.toString(16))
    .join(':')}::/48`;
}

/**
 * The key a per-address rate limit counts against: an IPv4 address as it is (IPv4-mapped IPv6
 * included), an IPv6 address by its /64, since one subscriber usually holds a whole /64 and could
 * otherwise step through 2^64 keys. Anything else is returned unchanged.
 */
export function ipRateLimitKey(ip: string): string {
  const address = normalise(ip);
  if (address === undefined) return ip;
  if (isIPv4(address)) return address;
  const groups = ipaddr.IPv6.parse(address).parts;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
