import { expect } from 'vitest';
import type { ApiResponse } from './http';
import { BROKEN_MULTIPART } from './files';
import { expectNoStackTrace, expectV1Error } from './v1';

/**
 * Junk bodies generated from the OpenAPI document (GET /api/v1/openapi.json): for each operation
 * that takes a body, malformed JSON, `{}` and a wrong type for each property (or broken
 * multipart for uploads), and the check that an answer is in its surface's error shape.
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

export interface Operation {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

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

export interface JunkCase {
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

export function junkCases(doc: OpenApiDocument, op: Operation): JunkCase[] {
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

export function expectEnvelope(path: string, res: ApiResponse<unknown>): void {
  expectNoStackTrace(res);
  if (path.startsWith('/api/v1/') || path.startsWith('/api/staff/')) {
    expectV1Error(res, res.status);
  } else
    expect(res.json).toMatchObject({ code: expect.any(String), request_id: expect.any(String) });
}
