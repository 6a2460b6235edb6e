import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readSessionCookie, sessionFromCookie } from '@/lib/auth/browser-session';
import { requirePermission } from '@/lib/auth/permissions';
import type { ActiveSession } from '@/lib/auth/sessions';
import { authenticateAccessToken } from '@/lib/auth/tokens';
import { getEnv } from '@/lib/env';
import {
  AppError,
  passwordChangeRequired,
  rateLimited,
  unauthorized,
  type FieldIssue,
} from '@/lib/errors';
import { logger } from '@/lib/log';
import { consume, rateLimitHeaders, type LimitState } from '@/lib/rate-limit';
import { readBodyBytes, readBodyText, readJsonBody } from './body';
import { clientIpFromHeaders, ipRateLimitKey } from './client-ip';
import { corsHeaders } from './cors';
import type { AuthRequirement, EndpointSpec, HttpMethod } from './endpoint';
import { errorHeaders, httpStatus, statusOn } from './error-status';
import {
  SURFACE_SESSIONS,
  errorBody,
  issueText,
  type AcceptedSessions,
  type SurfaceName,
} from './surfaces';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerContext<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  A extends AuthRequirement,
> {
  req: Request;
  body: Infer<B>;
  /** The body exactly as received, when the spec asks for `rawBody`; otherwise ''. */
  rawBody: string;
  /** The uploaded file, when the spec takes an `upload`; otherwise null. */
  file: UploadedFile | null;
  query: Infer<Q>;
  params: Infer<P>;
  session: A extends 'required' ? ActiveSession : ActiveSession | null;
  /** How the caller authenticated. */
  via: 'bearer' | 'cookie' | null;
  bearerToken: string | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
}

export interface JsonResult {
  status?: number;
  /** Omitted: an empty body (document 1's logout is "200 OK, no content"). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface UploadedFile {
  /** The name the client gave it (untrusted: the domain cleans it). */
  name: string;
  bytes: Uint8Array;
}

/** The handler's file, for a spec that takes an `upload` (the wrapper has read it by then). */
export function uploaded(file: UploadedFile | null): UploadedFile {
  if (!file) throw new Error('this endpoint spec takes no upload');
  return file;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies read raw for a signature check (webhooks) may be this large. */
const RAW_BODY_MAX_BYTES = 1024 * 1024;

/** zod's complaints as field issues, named as the request names its fields. */
function issuesOf(error: z.ZodError): { issues: FieldIssue[]; notes: string[] } {
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const verb = issue.keys.length > 1 ? 'are' : 'is';
      issues.push({ field: issue.keys.join(', '), message: `${verb} not allowed` });
    } else if (path) issues.push({ field: path, message: issue.message });
    else notes.push(issue.message);
  }
  return { issues, notes };
}

function validate<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { issues, notes } = issuesOf(parsed.error);
    const first = issues[0] ? issueText(issues[0]) : notes[0];
    const message =
      where === 'body' && value === undefined
        ? 'Request body is required'
        : `Invalid ${where}: ${first ?? 'validation failed'}`;
    throw new AppError('VALIDATION_FAILED', message, { issues, notes });
  }
  return parsed.data;
}

async function authenticate(
  req: Request,
  accepted: AcceptedSessions,
): Promise<{
  session: ActiveSession | null;
  via: 'bearer' | 'cookie' | null;
  token: string | null;
}> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null && accepted.bearer.length > 0) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(authorization.trim());
    if (!match?.[1]) throw unauthorized('TOKEN_INVALID', 'Malformed Authorization header');
    const session = await authenticateAccessToken(match[1], accepted.bearer);
    return { session, via: 'bearer', token: match[1] };
  }
  const cookieHeader = req.headers.get('cookie');
  if (accepted.cookie && cookieHeader) {
    const session = await sessionFromCookie(readSessionCookie(parseCookies(cookieHeader)));
    if (session) return { session, via: 'cookie', token: null };
  }
  return { session: null, via: null, token: null };
}

function parseCookies(header: string): { get(name: string): { value: string } | undefined } {
  const map = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return { get: (name) => (map.has(name) ? { value: map.get(name) ?? '' } : undefined) };
}

/** Room for the multipart boundaries and part headers around an upload's file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const mebibytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * One file from a `multipart/form-data` body, parsed by the platform's own parser (undici's
 * FormData) after the body was read under the upload's byte limit.
 */
async function readUpload(req: Request, maxFileBytes: number): Promise<UploadedFile> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(type)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the file as multipart/form-data, in the form field "file"',
    );
  }
  const tooLarge = new AppError(
    'ATTACHMENT_TOO_LARGE',
    `A file may be at most ${mebibytes(maxFileBytes)} (${maxFileBytes} bytes)`,
  );
  const bytes = await readBodyBytes(req, maxFileBytes + MULTIPART_OVERHEAD_BYTES, tooLarge);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The body is not valid multipart/form-data');
  }
  const files = form.getAll('file').filter((v): v is File => typeof v !== 'string');
  if (files.length !== 1 || !files[0]) {
    throw new AppError('VALIDATION_FAILED', 'Send exactly one file, in the form field "file"', {
      issues: [{ field: 'file', message: 'exactly one file is required' }],
    });
  }
  if (files[0].size > maxFileBytes) throw tooLarge;
  return { name: files[0].name, bytes: new Uint8Array(await files[0].arrayBuffer()) };
}

/**
 * A form post can come from any site and carries the browser's cookie, so an upload made with the
 * session cookie must say it comes from the portal: its `Origin` is the portal's own (every
 * browser sends Origin on a POST), or, without one, `Sec-Fetch-Site` says same-origin.
 */
function requireSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  const own = new URL(getEnv().appUrl).origin;
  const sameOrigin =
    origin !== null ? origin === own : req.headers.get('sec-fetch-site') === 'same-origin';
  if (!sameOrigin) {
    throw new AppError(
      'CROSS_SITE_REQUEST',
      "Uploads with the browser's session must come from the portal's own pages",
    );
  }
}

function respond(status: number, body: unknown, headers: Record<string, string>): Response {
  const all = new Headers(headers);
  all.set('Cache-Control', 'no-store');
  if (body === undefined) return new Response(null, { status, headers: all });
  all.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/**
 * The one wrapper behind every route handler: request id, CORS, auth (bearer
 * token or browser session, always re-checked against the session row), the
 * password-change gate, rate limits, the JSON content-type guard for cookie
 * writes, a size-limited body, zod validation, typed-error mapping to the
 * surface's error shape, and one structured log line per request.
 */
export function route<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  A extends AuthRequirement,
>(
  spec: EndpointSpec<B, Q, P, A>,
  handler: (ctx: HandlerContext<B, Q, P, A>) => Promise<JsonResult | Response>,
): RouteHandler {
  const wrapped = async (req: Request, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const incomingId = req.headers.get('x-request-id');
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const base: Record<string, string> = {
      'X-Request-Id': requestId,
      ...corsHeaders(req.headers.get('origin')),
    };
    let ip = 'unknown';
    let userId: number | undefined;
    let limit: LimitState | undefined;
    let response: Response;
    try {
      // Inside the try: a request that did not come through scripts/server.ts gets the wrapper's
      // 500 and its log line.
      ip = clientIpFromHeaders(req.headers);
      // On public endpoints (login, refresh, logout) a stale bearer token must
      // not block a request that carries its own credentials in the body.
      const auth = await authenticate(req, SURFACE_SESSIONS[spec.surface]).catch((err: unknown) => {
        if (spec.auth === 'none' && err instanceof AppError && httpStatus(err) === 401) {
          return { session: null, via: null, token: null };
        }
        throw err;
      });
      if (spec.auth === 'required' && !auth.session) throw unauthorized();
      userId = auth.session?.user.id;
      // Only endpoints that act as the caller are gated; public ones (login, health, the
      // OpenAPI document) answer anyone, whatever cookie the browser happens to carry.
      if (
        spec.auth === 'required' &&
        auth.session?.user.forcePasswordChange &&
        !spec.allowWhilePasswordChangeRequired
      ) {
        throw passwordChangeRequired();
      }

      if (spec.permission && auth.session) requirePermission(auth.session.user, spec.permission);

      if (spec.rateLimit !== false) {
        const key = userId !== undefined ? `user:${userId}` : `ip:${ipRateLimitKey(ip)}`;
        limit = await consume(spec.rateLimit ?? 'api', key);
        if (!limit.allowed) throw rateLimited(limit.resetSeconds);
      }

      if (auth.via === 'cookie' && WRITE_METHODS.has(req.method) && spec.upload) {
        requireSameOrigin(req);
      } else if (auth.via === 'cookie' && WRITE_METHODS.has(req.method) && !spec.rawBody) {
        const type = req.headers.get('content-type') ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type)) {
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send JSON with Content-Type: application/json',
          );
        }
      }

      let body: unknown;
      let rawBody = '';
      let file: UploadedFile | null = null;
      if (spec.upload) {
        file = await readUpload(req, spec.upload.maxFileBytes);
      } else if (spec.rawBody) {
        // Stripe's events can be far larger than a JSON request (expanded objects, long
        // metadata); refusing one with 413 would make Stripe retry it for days.
        rawBody = await readBodyText(
          req,
          spec.rawBodyMaxBytes ?? Math.max(getEnv().MAX_BODY_BYTES, RAW_BODY_MAX_BYTES),
        );
      } else if (spec.body) {
        const raw = await readJsonBody(req, getEnv().MAX_BODY_BYTES);
        body =
          raw === undefined && spec.bodyOptional ? undefined : validate(spec.body, raw, 'body');
      } else if (WRITE_METHODS.has(req.method)) {
        await readJsonBody(req, getEnv().MAX_BODY_BYTES);
      }
      const query = spec.query
        ? validate(spec.query, Object.fromEntries(new URL(req.url).searchParams), 'query')
        : undefined;
      const params = spec.params ? validate(spec.params, await context.params, 'path') : undefined;

      const result = await handler({
        req,
        body: body as Infer<B>,
        rawBody,
        file,
        query: query as Infer<Q>,
        params: params as Infer<P>,
        session: auth.session as HandlerContext<B, Q, P, A>['session'],
        via: auth.via,
        bearerToken: auth.token,
        requestId,
        ip,
        userAgent: req.headers.get('user-agent'),
      });
      const limitHeaders = limit ? rateLimitHeaders(limit) : {};
      if (result instanceof Response) {
        for (const [k, v] of Object.entries({ ...base, ...limitHeaders })) result.headers.set(k, v);
        response = result;
      } else {
        response = respond(result.status ?? 200, result.body, {
          ...base,
          ...limitHeaders,
          ...result.headers,
        });
      }
    } catch (err) {
      const appError =
        err instanceof AppError ? err : new AppError('INTERNAL', 'Internal server error');
      if (!(err instanceof AppError)) {
        const e = err instanceof Error ? err : new Error(String(err));
        logger.error(
          {
            requestId,
            operation: spec.operationId,
            error: { name: e.name, message: e.message, stack: e.stack },
          },
          'unhandled error',
        );
      }
      const body = errorBody(spec.surface, appError, requestId, spec.fieldNames);
      response = respond(statusOn(spec.surface, appError), body, {
        ...base,
        ...(limit ? rateLimitHeaders(limit) : {}),
        ...errorHeaders(appError),
      });
    }
    logger.info(
      {
        requestId,
        method: req.method,
        path: new URL(req.url).pathname,
        operation: spec.operationId,
        status: response.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        userId,
        ip,
      },
      'request',
    );
    return response;
  };
  const { operationId, method, path, surface } = spec;
  return Object.assign(wrapped, { surface, spec: { operationId, method, path, surface } });
}

export type RouteHandler = ((req: Request, context: RouteContext) => Promise<Response>) & {
  surface: SurfaceName;
  /** What the handler's spec says it serves; methods() and the route-spec test hold it to that. */
  spec: Pick<EndpointSpec, 'operationId' | 'method' | 'path' | 'surface'>;
};

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A route file's exports: its handlers, and for every other method a 405 in
 * the surface's error shape with an `Allow` header (Next's own 405 has no
 * body). `export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: route(...) })`.
 */
export function methods(
  handlers: Partial<Record<HttpMethod, RouteHandler>>,
): Record<HttpMethod, RouteHandler> {
  const implemented = METHODS.filter((m) => handlers[m]);
  // A spec exported under another method, or two paths in one file, would make the OpenAPI
  // document describe a route that does not exist: refuse at start-up.
  const paths = new Set(implemented.map((m) => handlers[m]?.spec.path));
  for (const m of implemented) {
    const spec = handlers[m]?.spec;
    if (spec && spec.method !== m) {
      throw new Error(`${spec.operationId} is specified as ${spec.method} but exported as ${m}`);
    }
  }
  if (paths.size > 1)
    throw new Error(`one route file serves several paths: ${[...paths].join(', ')}`);
  const path = [...paths][0] ?? '';
  const allowed = [...implemented, ...(handlers.GET ? ['HEAD'] : []), 'OPTIONS'];
  const notAllowed = route(
    {
      operationId: 'methodNotAllowed',
      method: 'GET',
      path,
      surface: handlers[implemented[0] ?? 'GET']?.surface ?? 'v1',
      summary: 'Method not allowed',
      tags: [],
      auth: 'none',
      rateLimit: false,
      responses: {},
    },
    async ({ req }) => {
      throw new AppError(
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed here; use ${implemented.join(' or ')}`,
        { allowed },
      );
    },
  );
  return Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? notAllowed])) as Record<
    HttpMethod,
    RouteHandler
  >;
}
