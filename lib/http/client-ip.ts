/**
 * The server (scripts/server.ts) sets `x-portal-client-ip` on every request,
 * overwriting anything a client sent: the socket address, or, when
 * TRUST_PROXY_HOPS is set, the address that many hops back in
 * X-Forwarded-For. A spoofed X-Forwarded-For therefore never chooses the key
 * a rate limit counts against.
 */
export const CLIENT_IP_HEADER = 'x-portal-client-ip';

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

function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const trimmed = address.trim();
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(trimmed)) return undefined;
  return trimmed.startsWith('::ffff:') ? trimmed.slice(7) : trimmed;
}

export function clientIpFromHeaders(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}
