import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordSecret } from '../support/artifacts';
import { browserSignIn } from '../support/browser-session';
import { disconnectAfterAll } from '../support/db';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import { expectStatus, expectV1Error, explain, login, profile } from '../support/v1';

disconnectAfterAll();

const LOGIN = '/api/v1/auth/login';
const MAX_BODY_BYTES = 64 * 1024;

function rawPost(body: BodyInit, contentType = 'application/json') {
  return { method: 'POST', headers: { 'content-type': contentType }, body } as const;
}

/** A body streamed in 8 KiB chunks with no Content-Length (Transfer-Encoding: chunked). */
function chunked(text: string): RequestInit & { duplex: 'half' } {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  };
}

describe('malformed and mistyped JSON', () => {
  it('answers 400 INVALID_JSON for broken JSON and bad UTF-8', async () => {
    const user = await createTestUser();
    const api = client();
    const valid = JSON.stringify({ email: user.email, password: user.password });
    expectStatus(await api(LOGIN, rawPost(valid)), 200);
    for (const broken of [valid.slice(0, -1), `${valid},`, "{'email': 'a'}", '{"email":}']) {
      const body = expectV1Error(await api(LOGIN, rawPost(broken)), 400, 'INVALID_JSON');
      expect(body.errors.length).toBeGreaterThan(0);
    }
    const badUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    expectV1Error(await api(LOGIN, rawPost(badUtf8)), 400, 'INVALID_JSON');
  });

  it('answers 400 VALIDATION_FAILED with details for wrong types and missing fields', async () => {
    const user = await createTestUser();
    const api = client();
    await login(api, user);
    const wrongTypes = await api(LOGIN, { json: { email: 123, password: [] } });
    const body = expectV1Error(wrongTypes, 400, 'VALIDATION_FAILED');
    expect(body.errors.some((e) => e.startsWith('email'))).toBe(true);
    expect(body.errors.some((e) => e.startsWith('password'))).toBe(true);

    const cases: unknown[] = [
      { email: user.email },
      { password: user.password },
      {},
      { email: null, password: null },
      { email: { $ne: '' }, password: { $ne: '' } },
      { email: user.email, password: true },
      { email: `${'a'.repeat(250)}@example.test`, password: user.password },
    ];
    for (const json of cases) {
      expectV1Error(await api(LOGIN, { json }), 400, 'VALIDATION_FAILED');
    }
  });

  it('answers 400 for a body that is not an object, or no body at all', async () => {
    const user = await createTestUser();
    const api = client();
    await login(api, user);
    for (const json of [[user.email, user.password], 'a string', 42, null, true]) {
      expectV1Error(await api(LOGIN, { json }), 400, 'VALIDATION_FAILED');
    }
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(expectV1Error(await api(LOGIN, rawPost(deep)), 400).code).toMatch(
      /^(INVALID_JSON|VALIDATION_FAILED)$/,
    );
    const empty = expectV1Error(await api(LOGIN, { method: 'POST' }), 400, 'VALIDATION_FAILED');
    expect(empty.message).toBe('Request body is required');
  });
});

describe('oversized bodies', () => {
  it('refuses a body over the limit with 413 when Content-Length announces it', async () => {
    const user = await createTestUser();
    const api = client();
    const padded = (size: number) =>
      JSON.stringify({ email: user.email, password: user.password, pad: 'x'.repeat(size) });
    const under = padded(MAX_BODY_BYTES - 1024);
    expect(Buffer.byteLength(under)).toBeLessThan(MAX_BODY_BYTES);
    expectStatus(await api(LOGIN, rawPost(under)), 200);

    const over = padded(MAX_BODY_BYTES + 1024);
    expectV1Error(await api(LOGIN, rawPost(over)), 413, 'PAYLOAD_TOO_LARGE');
    expectV1Error(await api('/api/v1/auth/refresh', rawPost(over)), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a chunked body over the limit with 413, with no Content-Length', async () => {
    const user = await createTestUser();
    const api = client();
    const padded = (size: number) =>
      JSON.stringify({ email: user.email, password: user.password, pad: 'y'.repeat(size) });
    expectStatus(await api(LOGIN, chunked(padded(MAX_BODY_BYTES - 1024))), 200);
    for (const size of [MAX_BODY_BYTES + 1024, 4 * MAX_BODY_BYTES]) {
      const res = await api(LOGIN, chunked(padded(size)));
      expectV1Error(res, 413, 'PAYLOAD_TOO_LARGE');
    }
  });
});

describe('unknown paths', () => {
  it('answers 404 in the envelope under /api/v1', async () => {
    const api = client();
    expectStatus(await api('/api/v1/openapi.json'), 200);
    for (const path of ['/api/v1/xyz', '/api/v1/auth/nope', '/api/v1/a/b/c']) {
      expectV1Error(await api(path), 404, 'NOT_FOUND');
      expectV1Error(await api(path, { json: {} }), 404, 'NOT_FOUND');
    }
  });
});

describe('wrong methods', () => {
  it('answer 405 in the envelope with an Allow header', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    expectStatus(await profile(api, access), 200);
    const cases: Array<[string, string, string]> = [
      ['/api/v1/auth/login', 'GET', 'POST'],
      ['/api/v1/auth/refresh', 'PUT', 'POST'],
      ['/api/v1/protected/profile', 'DELETE', 'GET'],
    ];
    for (const [path, method, allowed] of cases) {
      const res = await api(path, { method, token: access });
      expectV1Error(res, 405);
      expect(res.headers.get('allow') ?? '', `${method} ${path}`).toContain(allowed);
    }
  });
});

describe('cookie-authenticated writes', () => {
  it('require application/json (415 otherwise)', async () => {
    const user = await createTestUser();
    const api = client();
    const cookie = await browserSignIn(api, user);
    expect(cookie, 'NextAuth sign-in set no portal.session cookie').toBeTruthy();
    const headers = { cookie: cookie ?? '' };
    const viaCookie = await profile(api, undefined, headers);
    expectStatus(viaCookie, 200);
    expect(viaCookie.json).toMatchObject({ user_id: user.id });

    const first = `New-Pass-${randomBytes(9).toString('base64url')}`;
    const second = `New-Pass-${randomBytes(9).toString('base64url')}`;
    recordSecret('password', first);
    recordSecret('password', second);
    const ok = await api('/api/v1/auth/change-password', {
      headers,
      json: { current_password: user.password, new_password: first },
    });
    expectStatus(ok, 200);

    const same = JSON.stringify({ current_password: first, new_password: second });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await api('/api/v1/auth/change-password', {
        method: 'POST',
        headers: { ...headers, 'content-type': type },
        body: same,
      });
      expectV1Error(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const noType = await api('/api/v1/auth/change-password', {
      method: 'POST',
      headers,
      body: new TextEncoder().encode(same),
    });
    expectV1Error(noType, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // None of the refused requests changed the password.
    const check = await client()(LOGIN, { json: { email: user.email, password: first } });
    expect(check.status, explain(check)).toBe(200);
  });
});
