import { describe, expect, it } from 'vitest';
import { disconnectAfterAll } from '../support/db';
import { client } from '../support/http';
import { expectEnvelope, junkCases, METHODS, type OpenApiDocument } from '../support/junk';
import { createTestUser } from '../support/users';
import {
  expectStatus,
  clientLogin,
  explain,
  login,
  profile,
  authApiLogin,
  tokenForPath,
  tokenLoginAt,
} from '../support/v1';

/**
 * Generated from GET /api/v1/openapi.json (tests/support/junk.ts): every operation that takes a
 * body gets malformed JSON, `{}` and a wrong type for each property; each answer is a 400 in the
 * envelope, never a 500. Later endpoints join automatically. tests/api/junk-after-valid.test.ts
 * sends the same junk to the account endpoints right after a valid request succeeded.
 */
disconnectAfterAll();

describe('junk-input matrix from the OpenAPI document', () => {
  it('answers every junk body with a 400 (415 for the wrong kind of body) in the envelope', async () => {
    const api = client();
    const docRes = await api<OpenApiDocument>('/api/v1/openapi.json');
    expectStatus(docRes, 200);
    const doc = docRes.json;

    const user = await createTestUser();
    const { access } = await login(client(), user);
    const agent = await createTestUser({ role: 'SUPPORT_AGENT' });
    const tokens = {
      v1: access,
      client: await clientLogin(client(), user),
      auth: await authApiLogin(client(), user),
      giggatek: await tokenLoginAt('/v1/auth/login', client(), user),
      staff: (await login(client(), agent)).access,
    };
    expectStatus(await profile(client(), access), 200);

    let operations = 0;
    let requests = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op?.requestBody) continue;
        operations += 1;
        const secured = (op.security ?? []).length > 0;
        const caller = client();
        const url = path.replace(/\{[^}]+\}/g, '1');
        for (const junk of junkCases(doc, op)) {
          const headers = new Headers(junk.init.headers);
          if (secured) headers.set('authorization', `Bearer ${tokenForPath(path, tokens)}`);
          const res = await caller(url, { ...junk.init, method: method.toUpperCase(), headers });
          requests += 1;
          expect(res.status, `${method} ${path} ${junk.label}: ${explain(res)}`).toBe(
            junk.status ?? 400,
          );
          expectEnvelope(path, res);
        }
      }
    }
    expect(operations).toBeGreaterThanOrEqual(4);
    expect(requests).toBeGreaterThanOrEqual(operations * 2);
    // The token stayed valid throughout: the 400s were not auth failures in disguise.
    expectStatus(await profile(client(), access), 200);
  });

  it('answers every operation without credentials or body with less than 500', async () => {
    const api = client();
    const docRes = await api<OpenApiDocument>('/api/v1/openapi.json');
    expectStatus(docRes, 200);
    const user = await createTestUser();
    const { access } = await login(client(), user);
    const clientToken = await clientLogin(client(), user);
    const authToken = await authApiLogin(client(), user);
    const giggatekToken = await tokenLoginAt('/v1/auth/login', client(), user);
    let checked = 0;
    for (const [path, item] of Object.entries(docRes.json.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const init = { method: method.toUpperCase() };
        const secured = (op.security ?? []).length > 0;
        if (secured) {
          // The same call with a valid token gets past authentication. A logout ends the
          // session it is called with, so it gets a session of its own.
          const own = /\/logout$/.test(path)
            ? {
                v1: (await login(client(), user)).access,
                client: await clientLogin(client(), user),
                auth: await authApiLogin(client(), user),
                giggatek: await tokenLoginAt('/v1/auth/login', client(), user),
              }
            : { v1: access, client: clientToken, auth: authToken, giggatek: giggatekToken };
          const token = tokenForPath(path, own);
          const authed = await client()(url, { ...init, token });
          expect(authed.status, `${method} ${path}: ${explain(authed)}`).not.toBe(401);
          expect(authed.status).toBeLessThan(500);
        }
        const res = await client()(url, init);
        checked += 1;
        expect(res.status, `${method} ${path}: ${explain(res)}`).toBeLessThan(500);
        if (res.status >= 400) expectEnvelope(path, res);
        if (secured) expect(res.status).toBe(401);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
