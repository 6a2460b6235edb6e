/**
 * Issue 8, item 5: the 401, 403 and 429 an operation can answer follow from its spec (auth, forced
 * password change, role, limit) and are derived once, in the surface's error shape. The published
 * document must list them wherever the route wrapper can answer them.
 */
import { describe, expect, it } from 'vitest';
import { allEndpoints } from '@/lib/api/registry';
import { standardResponses } from '@/lib/api/standard-responses';
import { buildOpenApiDocument } from '@/lib/http/openapi';

type Operation = { responses: Record<string, { description: string; content?: unknown }> };
const doc = buildOpenApiDocument(allEndpoints, 'http://localhost') as unknown as {
  paths: Record<string, Record<string, Operation>>;
};
const operation = (path: string, method: string) => {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} is not in the document`);
  return op;
};

describe('standard responses', () => {
  it.each(allEndpoints.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s documents the 401/403/429 its spec implies, with a body schema',
    (_name, spec) => {
      const { responses } = operation(spec.path, spec.method);
      const missing: string[] = [];
      if (spec.auth === 'required' && !responses['401']) missing.push('401');
      if (spec.rateLimit !== false && !responses['429']) missing.push('429');
      if (spec.permission && !/FORBIDDEN/.test(responses['403']?.description ?? '')) {
        missing.push('403 FORBIDDEN');
      }
      if (
        spec.auth === 'required' &&
        !spec.allowWhilePasswordChangeRequired &&
        !/PASSWORD_CHANGE_REQUIRED/.test(responses['403']?.description ?? '')
      ) {
        missing.push('403 PASSWORD_CHANGE_REQUIRED');
      }
      expect(missing).toEqual([]);
      for (const status of ['401', '403', '429']) {
        if (responses[status] && spec.surface !== 'internal') {
          expect(responses[status].content, `${status} has a body`).toBeDefined();
        }
      }
    },
  );

  it('derives nothing an operation cannot answer', () => {
    const open = allEndpoints.find((e) => e.auth === 'none' && e.rateLimit === false);
    expect(open).toBeDefined();
    if (open) expect(standardResponses(open)).toEqual({});
    const logout = allEndpoints.find((e) => e.path === '/client/auth/logout');
    expect(logout && Object.keys(standardResponses(logout))).toEqual(['401', '429']);
  });

  it("keeps a spec's own reasons beside the standard ones", () => {
    expect(operation('/client/auth/login', 'POST').responses['401']?.description).toMatch(
      /Invalid email or password/,
    );
    const url = operation('/api/v1/downloads/{id}/url', 'GET').responses['403']?.description;
    expect(url).toMatch(/LICENSE_REQUIRED/);
    expect(url).toMatch(/PASSWORD_CHANGE_REQUIRED/);
  });

  it('lists 429 on the signed download link, which the per-address limit covers', () => {
    expect(operation('/api/files/{release}/{platform}', 'GET').responses['429']).toBeDefined();
  });
});
