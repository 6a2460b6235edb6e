/**
 * Issue 8, item 5: an endpoint spec's method and path are facts the OpenAPI document publishes,
 * so they are checked against where the route file sits and what it exports. Every documented
 * spec is served by exactly one route file, under its own method.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allEndpoints } from '@/lib/api/registry';
import { methods, route, type RouteHandler } from '@/lib/http/handler';
import type { HttpMethod } from '@/lib/http/endpoint';

const APP = path.resolve(import.meta.dirname, '../../app');
const HTTP_METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

/** `app/api/v1/contracts/[id]/route.ts` serves `/api/v1/contracts/{id}`; `(group)` folders vanish. */
function servedPath(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, '{$1}'));
  return `/${segments.join('/')}`;
}

const isRouteHandler = (value: unknown): value is RouteHandler =>
  typeof value === 'function' && 'spec' in value;

describe('route specs', () => {
  it('serve every documented spec at its own path and method, once', async () => {
    const documented = new Map(allEndpoints.map((e) => [e.operationId, e]));
    const served = new Map<string, string>();
    const problems: string[] = [];
    for (const file of routeFiles(APP)) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const method of HTTP_METHODS) {
        const handler = mod[method];
        if (!isRouteHandler(handler)) continue;
        const { operationId, path: specPath, method: specMethod } = handler.spec;
        if (!documented.has(operationId)) continue; // the 405 and unknown-path answers
        const where = `${path.relative(APP, file)} ${method}`;
        if (specPath !== servedPath(file)) problems.push(`${where}: spec path ${specPath}`);
        if (specMethod !== method) problems.push(`${where}: spec method ${specMethod}`);
        if (served.has(operationId)) problems.push(`${where}: ${operationId} served twice`);
        served.set(operationId, where);
      }
    }
    expect(problems).toEqual([]);
    expect([...documented.keys()].filter((id) => !served.has(id))).toEqual([]);
  });

  it('refuse at start-up a spec exported under another method', () => {
    const spec = allEndpoints.find((e) => e.method === 'GET' && e.auth === 'required');
    expect(spec).toBeDefined();
    if (!spec) return;
    const handler = route(spec, async () => ({ body: {} }));
    expect(() => methods({ POST: handler })).toThrow(/specified as GET but exported as POST/);
    expect(() => methods({ GET: handler })).not.toThrow();
  });

  it('refuse one file serving two paths', () => {
    const [a, b] = allEndpoints.filter((e) => e.method === 'GET');
    if (!a || !b || a.path === b.path) throw new Error('need two GET specs on different paths');
    const post = { ...b, method: 'POST' as const };
    expect(() =>
      methods({ GET: route(a, async () => ({})), POST: route(post, async () => ({})) }),
    ).toThrow(/several paths/);
  });

  it('computes served paths as Next does', () => {
    expect(servedPath(path.join(APP, 'api/v1/contracts/[id]/route.ts'))).toBe(
      '/api/v1/contracts/{id}',
    );
    expect(servedPath(path.join(APP, '(portal)/x/[...rest]/route.ts'))).toBe('/x/{rest}');
  });
});
