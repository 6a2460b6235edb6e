import { recordResponse, recordSecret } from './artifacts';
import { randomIp, type TestUser } from './users';

export const BASE_URL = process.env.PORTAL_URL ?? 'http://127.0.0.1:3000';
/** A second server over the same build and database that trusts no proxy (TRUST_PROXY_HOPS=0). */
export const STRICT_BASE_URL = process.env.PORTAL_STRICT_URL ?? BASE_URL;

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

/** Paths whose success bodies legitimately carry a refresh token. */
const TOKEN_ISSUERS = /\/auth\/(login|refresh|register|callback)$/;

/**
 * fetch against the running app. Each client gets its own X-Forwarded-For
 * address (the main test server trusts one proxy hop) so per-address limits
 * of parallel test files do not collide. Every body is recorded for the leak
 * scan, and every refresh token seen is recorded as a secret.
 */
export function client(options: { baseUrl?: string; ip?: string } = {}) {
  const baseUrl = options.baseUrl ?? BASE_URL;
  const ip = options.ip ?? randomIp();
  return async function call<T = Record<string, unknown>>(
    path: string,
    init: RequestInit & { json?: unknown; token?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers = new Headers(init.headers);
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', ip);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
      body,
      redirect: 'manual',
      method: init.method ?? (body !== undefined ? 'POST' : 'GET'),
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const token = (json as { data?: { refresh_token?: unknown } } | undefined)?.data?.refresh_token;
    if (typeof token === 'string') recordSecret('refresh_token', token);
    if (!(TOKEN_ISSUERS.test(path) && res.ok)) recordResponse(`api ${path}`, text);
    return { status: res.status, headers: res.headers, text, json: json as T };
  };
}

/**
 * Two sign-ins at `path` (a login endpoint) that must both be refused: the user's e-mail with a
 * wrong password, and an unknown e-mail with the user's password.
 */
export async function refusedLogins(
  api: ReturnType<typeof client>,
  path: string,
  user: TestUser,
): Promise<{ wrong: ApiResponse; unknown: ApiResponse }> {
  const wrong = await api(path, { json: { email: user.email, password: `${user.password}x` } });
  const unknown = await api(path, {
    json: { email: `nobody-${user.id}@example.test`, password: user.password },
  });
  return { wrong, unknown };
}
