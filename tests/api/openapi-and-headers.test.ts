import { describe, expect, it } from 'vitest';
import { disconnectAfterAll } from '../support/db';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import { expectStatus, expectV1Error, login, profile } from '../support/v1';

disconnectAfterAll();

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId?: string; requestBody?: unknown }>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

const ALLOWED_ORIGIN = 'http://third-party.example';
const OTHER_ORIGIN = 'http://evil.example';

describe('GET /api/v1/openapi.json', () => {
  it('is OpenAPI 3.1.0 and lists every v1 auth operation with its method', async () => {
    const res = await client()<OpenApiDocument>('/api/v1/openapi.json');
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title.length).toBeGreaterThan(0);
    const expected: Array<[string, string]> = [
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/refresh', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/auth/change-password', 'post'],
      ['/api/v1/protected/profile', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
      expect(doc.paths[path]?.[method]?.operationId).toEqual(expect.any(String));
    }
    for (const [path, method] of expected.slice(0, 4)) {
      expect(doc.paths[path]?.[method]?.requestBody, `${method} ${path} body`).toBeDefined();
    }
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });
});

describe('security headers', () => {
  it('gives the sign-in page a per-request nonce CSP and the static headers', async () => {
    const api = client();
    const first = await api('/login');
    const second = await api('/login');
    expectStatus(first, 200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = first.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // Next's own inline scripts carry the nonce, so the page works under this CSP.
    expect(first.text).toContain(`nonce="${nonce}"`);
    const otherNonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(
      second.headers.get('content-security-policy') ?? '',
    )?.[1];
    expect(otherNonce).toBeTruthy();
    expect(otherNonce).not.toBe(nonce);

    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toMatch(
      /^(no-referrer|strict-origin|same-origin)/,
    );
    expect(first.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(first.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the same headers on API answers, success and error alike', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    for (const res of [await profile(api, access), await profile(api)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBeTruthy();
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });
});

describe('CORS for configured third-party origins', () => {
  it('answers a preflight from a listed origin without credentials, and refuses others', async () => {
    const api = client();
    const preflight = (origin: string) =>
      api('/api/v1/auth/login', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight(ALLOWED_ORIGIN);
    expectStatus(ok, 204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    expect(ok.headers.get('vary')).toMatch(/origin/i);

    for (const origin of [OTHER_ORIGIN, 'null', `${ALLOWED_ORIGIN}.evil.example`]) {
      const refused = await preflight(origin);
      expectStatus(refused, 403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('adds Access-Control-Allow-Origin to answers for a listed origin only', async () => {
    const user = await createTestUser();
    const api = client();
    const { access } = await login(api, user);
    const allowed = await profile(api, access, { origin: ALLOWED_ORIGIN });
    expectStatus(allowed, 200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);

    const error = await profile(api, undefined, { origin: ALLOWED_ORIGIN });
    expectV1Error(error, 401);
    expect(error.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);

    const other = await profile(api, access, { origin: OTHER_ORIGIN });
    expectStatus(other, 200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
