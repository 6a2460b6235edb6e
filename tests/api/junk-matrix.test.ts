import { describe, expect, it } from 'vitest';
import { disconnectAfterAll } from '../support/db';
import { client, type ApiResponse } from '../support/http';
import { BROKEN_MULTIPART } from '../support/files';
import { createTestUser } from '../support/users';
import {
  expectNoStackTrace,
  expectStatus,
  expectV1Error,
  clientLogin,
  explain,
  login,
  profile,
  authApiLogin,
  tokenForPath,
  tokenLoginAt,
} from '../support/v1';

/**
 * Generated from GET /api/v1/openapi.json: every operation that takes a body
 * gets malformed JSON, `{}` and a wrong type for each property; each answer is
 * a 400 in the envelope, never a 500. Later endpoints join automatically.
 */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Operation {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && current.$ref; i += 1) {
    const name = current.$ref.split('/').pop() ?? '';
    current = doc.components?.schemas?.[name] ?? {};
  }
  const merged = current.allOf?.map((s) => resolve(doc, s));
  if (merged?.length) {
    return {
      type: 'object',
      properties: Object.assign({}, ...merged.map((s) => s.properties ?? {})),
      required: merged.flatMap((s) => s.required ?? []),
    };
  }
  return current;
}

function typeOf(doc: OpenApiDocument, schema: Schema): string {
  const s = resolve(doc, schema);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const first = types.find((t) => t !== 'null');
  if (first) return first;
  const variant = (s.anyOf ?? s.oneOf ?? []).map((v) => typeOf(doc, v)).find((t) => t !== 'null');
  return variant ?? 'unknown';
}

/** A value of the wrong JSON type for a property of the given type (none for untyped ones). */
function wrongValue(type: string): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an', 'object'];
    default:
      return undefined;
  }
}

interface JunkCase {
  label: string;
  init: RequestInit;
  /** 400 unless the junk is the wrong kind of body altogether (415). */
  status?: number;
}

/** An upload's junk: broken multipart, no file, two files, and JSON instead of a form. */
function uploadJunk(): JunkCase[] {
  const form = (...files: string[]) => {
    const body = new FormData();
    for (const name of files) body.append('file', new Blob(['log line\n']), name);
    if (files.length === 0) body.append('note', 'no file');
    return { method: 'POST', body };
  };
  return [
    { label: 'malformed multipart', init: BROKEN_MULTIPART },
    { label: 'no file', init: form() },
    { label: 'two files', init: form('a.log', 'b.log') },
    {
      label: 'JSON instead of a form',
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      status: 415,
    },
  ];
}

function junkCases(doc: OpenApiDocument, op: Operation): JunkCase[] {
  if (op.requestBody?.content?.['multipart/form-data']) return uploadJunk();
  const schema = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
  const props = schema.properties ?? {};
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const cases: JunkCase[] = [
    {
      label: 'malformed JSON',
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' },
    },
  ];
  if ((schema.required ?? []).length > 0) cases.push({ label: '{}', init: json({}) });
  const allWrong: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    const value = wrongValue(typeOf(doc, prop));
    if (value === undefined) continue;
    allWrong[name] = value;
    cases.push({ label: `${name}: wrong type`, init: json({ [name]: value }) });
  }
  if (Object.keys(allWrong).length > 1) cases.push({ label: 'all wrong', init: json(allWrong) });
  return cases;
}

function expectEnvelope(path: string, res: ApiResponse<unknown>): void {
  expectNoStackTrace(res);
  if (path.startsWith('/api/v1/') || path.startsWith('/api/staff/')) {
    expectV1Error(res, res.status);
  } else
    expect(res.json).toMatchObject({ code: expect.any(String), request_id: expect.any(String) });
}

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
