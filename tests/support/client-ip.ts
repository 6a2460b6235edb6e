import { randomBytes } from 'node:crypto';
import { CLIENT_IP_HEADER, CLIENT_IP_KEY_ENV, markClientIp } from '@/lib/http/client-ip';

/**
 * The header scripts/server.ts would add, for a test that calls a route handler in-process:
 * signed with this process's key, drawn here the first time as the server would at start.
 *
 *   new Request(url, { headers: { ...clientIpHeaders('10.1.2.3'), 'content-type': ... } })
 */
export function clientIpHeaders(ip: string): Record<string, string> {
  const key = (process.env[CLIENT_IP_KEY_ENV] ??= randomBytes(32).toString('base64url'));
  return { [CLIENT_IP_HEADER]: markClientIp(ip, key) };
}
