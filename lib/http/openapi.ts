import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';
import { z } from 'zod';
import type { EndpointSpec } from './endpoint';
import { SURFACE_SESSIONS } from './surfaces';

type AnySpec = EndpointSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/** Bearer tokens everywhere; the browser's session cookie only where the surface reads it. */
function securityOf(spec: AnySpec): Record<string, string[]>[] {
  return SURFACE_SESSIONS[spec.surface].cookie
    ? [{ bearerAuth: [] }, { sessionCookie: [] }]
    : [{ bearerAuth: [] }];
}

/** An upload's form: one file in the field `file`. */
const uploadSchema = (maxFileBytes: number) =>
  z.object({
    file: z.string().meta({
      format: 'binary',
      description: `The file, at most ${maxFileBytes.toLocaleString('en-US')} bytes`,
    }),
  });

/**
 * The OpenAPI 3.1 document, generated from the same endpoint specs (and so the
 * same zod schemas) the route handlers validate with.
 */
export function buildOpenApiDocument(endpoints: readonly AnySpec[], serverUrl: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of endpoints) {
    const operation: ZodOpenApiOperationObject = {
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      ...(spec.ownedResource ? { 'x-owned-resource': spec.ownedResource } : {}),
      ...(spec.publicResource ? { 'x-public-resource': spec.publicResource } : {}),
      ...(spec.staffResource ? { 'x-staff-resource': spec.staffResource } : {}),
      ...(spec.signedResource ? { 'x-signed-resource': spec.signedResource } : {}),
      ...(spec.permission ? { 'x-permission': spec.permission } : {}),
      security: spec.auth === 'required' ? securityOf(spec) : [],
      // Which sessions' tokens the operation takes: only those its own surface issued.
      ...(spec.auth === 'required'
        ? { 'x-session-surfaces': [...SURFACE_SESSIONS[spec.surface].bearer] }
        : {}),
      responses: Object.fromEntries(
        Object.entries(spec.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema
              ? { content: { 'application/json': { schema: response.schema } } }
              : {}),
          },
        ]),
      ),
    };
    if (spec.upload) {
      operation.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: uploadSchema(spec.upload.maxFileBytes) } },
      };
    }
    if (spec.body) {
      operation.requestBody = {
        required: !spec.bodyOptional,
        content: { 'application/json': { schema: spec.body } },
      };
    }
    const requestParams: NonNullable<ZodOpenApiOperationObject['requestParams']> = {};
    if (spec.query) requestParams.query = spec.query as never;
    if (spec.params) requestParams.path = spec.params as never;
    if (spec.query || spec.params) operation.requestParams = requestParams;
    const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    paths[spec.path] = { ...paths[spec.path], [method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Sense Security customer portal API',
      version: '1.0.0',
      description:
        'The primary API lives under /api/v1 and answers in document 5\'s envelope: `{"success": true, "message", "data"}` and `{"success": false, "message", "errors": [...], "code", "request_id"}`. Authenticate with `Authorization: Bearer <access_token>` from POST /api/v1/auth/login. Timestamps are ISO 8601 UTC to the second. Limits: 100 requests a minute per user (`RateLimit-*` headers; 429 with `Retry-After`). Errors carry a stable `code` and the `request_id` (also in the `X-Request-Id` header).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A token is valid only on the surface whose login issued it (its `aud` claim, and `x-session-surfaces` on each operation): a /client token on /api/v1, or the reverse, answers 401 `TOKEN_WRONG_SURFACE`. /client is bearer-only; the browser cookie works on /api/v1.',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'portal.session' },
      },
    },
    paths,
  });
}
