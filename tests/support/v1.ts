import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { expect } from 'vitest';
import type { UserSeed } from '@/lib/accounts/users';
import { client, type ApiResponse } from './http';
import { createTestUser, type TestUser } from './users';

/**
 * Helpers for document 5's token API (/api/v1): typed envelopes, sign-in,
 * refresh, the error-envelope check and hand-made JWTs. Failure messages never
 * print a token or a password: the leak scan reads the test log too.
 */
export type ApiClient = ReturnType<typeof client>;

export interface V1User {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  is_active: boolean;
  last_login: string | null;
}

export interface TokenData {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export interface LoginData extends TokenData {
  user: V1User;
}

export interface V1Success<T> {
  success: true;
  message: string;
  data: T;
}

export interface V1ErrorBody {
  success: false;
  message: string;
  errors: string[];
  code: string;
  link?: string;
  request_id: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Tokens {
  access: string;
  refresh: string;
}

/** ISO 8601 in UTC to the second, as the contracts write timestamps. */
export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const STACK_TRACE = /\n\s+at \S|\bat \S+ \(\S+:\d+:\d+\)|\/node_modules\/|\.(?:ts|js|mjs):\d+:\d+/;

/** A response for failure messages: status and body, with every token value blanked out. */
export function explain(res: ApiResponse<unknown>): string {
  const text = res.text.replace(
    /"(access_token|refresh_token)"\s*:\s*"[^"]*"/g,
    '"$1":"[redacted]"',
  );
  return `HTTP ${res.status}: ${text.slice(0, 400)}`;
}

export function expectNoStackTrace(res: ApiResponse<unknown>): void {
  expect(STACK_TRACE.test(res.text), `stack trace in ${explain(res)}`).toBe(false);
}

/** Document 5's error envelope with the stable code and the request id (also in X-Request-Id). */
export function expectV1Error(
  res: ApiResponse<unknown>,
  status: number,
  code?: string,
): V1ErrorBody {
  expect(res.status, explain(res)).toBe(status);
  expect(res.headers.get('content-type') ?? '', `content type of ${explain(res)}`).toMatch(
    /^application\/json/,
  );
  const body = res.json as V1ErrorBody;
  // `link` (where to go instead) is the one optional member.
  if ('link' in (body ?? {})) expect(typeof body.link, explain(res)).toBe('string');
  expect(
    Object.keys(body ?? {})
      .filter((k) => k !== 'link')
      .sort(),
    explain(res),
  ).toEqual(['code', 'errors', 'message', 'request_id', 'success']);
  expect(body.success).toBe(false);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.errors)).toBe(true);
  expect(body.errors.length).toBeGreaterThan(0);
  for (const e of body.errors) expect(typeof e).toBe('string');
  expect(body.code).toMatch(/^[A-Z_]+$/);
  if (code) expect(body.code, explain(res)).toBe(code);
  expect(body.request_id.length).toBeGreaterThanOrEqual(8);
  expect(res.headers.get('x-request-id')).toBe(body.request_id);
  expectNoStackTrace(res);
  return body;
}

export function expectStatus(res: ApiResponse<unknown>, status: number): void {
  expect(res.status, explain(res)).toBe(status);
}

export async function login(api: ApiClient, user: Credentials): Promise<Tokens> {
  const res = await api<V1Success<LoginData>>('/api/v1/auth/login', {
    json: { email: user.email, password: user.password },
  });
  expectStatus(res, 200);
  return { access: res.json.data.access_token, refresh: res.json.data.refresh_token };
}

/** A fresh customer signed in to /api/v1 from a client (and client address) of its own. */
export async function signedIn(overrides: Partial<UserSeed> = {}): Promise<{
  user: TestUser;
  userId: number;
  api: ApiClient;
  token: string;
  refresh: string;
}> {
  const user = await createTestUser(overrides);
  const api = client();
  const { access, refresh } = await login(api, user);
  return { user, userId: user.id, api, token: access, refresh };
}

/** A /client token (document 1) for the same account: tokens work only where they were issued. */
export async function clientLogin(api: ApiClient, user: Credentials): Promise<string> {
  const res = await api<{ token: string }>('/client/auth/login', {
    json: { email: user.email, password: user.password },
  });
  expectStatus(res, 200);
  return res.json.token;
}

/**
 * The token a path takes, from a customer's /api/v1, /client and /api/auth tokens; the agents' API
 * takes a staff account's /api/v1 token when one is given.
 */
export function tokenForPath(
  path: string,
  tokens: { v1: string; client: string; staff?: string; auth?: string; giggatek?: string },
): string {
  if (path.startsWith('/api/staff/')) return tokens.staff ?? tokens.v1;
  if (path.startsWith('/api/auth/')) return tokens.auth ?? tokens.v1;
  if (path.startsWith('/v1/')) return tokens.giggatek ?? tokens.v1;
  return path.startsWith('/client/') ? tokens.client : tokens.v1;
}

/** A token from a login that answers `{"token"}`: document 3's /api/auth, document 4's /v1/auth. */
export async function tokenLoginAt(
  path: '/api/auth/login' | '/v1/auth/login',
  api: ApiClient,
  user: Credentials,
): Promise<string> {
  const res = await api<{ token: string }>(path, {
    json: { email: user.email, password: user.password },
  });
  expectStatus(res, 200);
  return res.json.token;
}

/** A document 3 (/api/auth) token for the user. */
export const authApiLogin = (api: ApiClient, user: Credentials) =>
  tokenLoginAt('/api/auth/login', api, user);

export function refreshWith(api: ApiClient, refreshToken: string) {
  return api<V1Success<TokenData>>('/api/v1/auth/refresh', {
    json: { refresh_token: refreshToken },
  });
}

/** Refreshes and expects success; returns the new pair. */
export async function rotate(api: ApiClient, refreshToken: string): Promise<Tokens> {
  const res = await refreshWith(api, refreshToken);
  expectStatus(res, 200);
  return { access: res.json.data.access_token, refresh: res.json.data.refresh_token };
}

export function profile(api: ApiClient, accessToken?: string, headers?: HeadersInit) {
  return api('/api/v1/protected/profile', { token: accessToken, headers });
}

/** A JWT segment (0 = header, 1 = payload), decoded without verification. */
export function jwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** How the server stores a refresh token (lib/auth/tokens.ts): SHA-256, hex. */
export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function serverJwtSecret(): string {
  const secret = process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is not set: run the api suite through `npm test`');
  return secret;
}

/** An HS256 access token made by the test, with the server's claims and any overrides. */
export async function forgeAccessToken(input: {
  sub: string;
  sid: string;
  iss?: string;
  iat?: number;
  exp: number;
  secret?: string;
  alg?: 'HS256' | 'HS384' | 'HS512';
  /** Omitted: a token as issued before audiences existed. */
  aud?: string;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: input.sid, ...(input.aud ? { aud: input.aud } : {}) })
    .setProtectedHeader({ alg: input.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(input.sub)
    .setIssuer(input.iss ?? 'sense-portal')
    .setIssuedAt(input.iat ?? now)
    .setExpirationTime(input.exp)
    .sign(new TextEncoder().encode(input.secret ?? serverJwtSecret()));
}

/** An unsigned token: header `alg: none`, empty signature. */
export function unsignedToken(payload: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
