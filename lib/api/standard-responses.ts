import type { z } from 'zod';
import type { EndpointSpec, ResponseSpec } from '@/lib/http/endpoint';
import type { SurfaceName } from '@/lib/http/surfaces';
import { clientErrorSchema } from './client/errors';
import { v1ErrorSchema } from './v1/envelope';

type AnySpec = EndpointSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/**
 * The answers every operation gives because of what its spec says, not what it does: 401 when it
 * needs a session, 403 when a forced password change or a role can stop it, 429 when it is
 * limited. They are derived here, once, in each surface's error shape (the route wrapper enforces
 * the same three facts in lib/http/handler.ts), so a spec lists only its own answers.
 */
const ERROR_SCHEMA: Record<SurfaceName, z.ZodType> = {
  v1: v1ErrorSchema,
  staff: v1ErrorSchema,
  internal: v1ErrorSchema,
  client: clientErrorSchema,
  auth: clientErrorSchema,
  giggatek: clientErrorSchema,
};

const UNAUTHENTICATED = 'Missing, invalid or expired credentials, or the session has ended';
const PASSWORD_CHANGE =
  '`PASSWORD_CHANGE_REQUIRED`: only change-password and logout until it is changed';
const RATE_LIMITED = 'Rate limited; see Retry-After';

function forbidden(spec: AnySpec): string | null {
  const reasons = [
    spec.permission
      ? `\`FORBIDDEN\`: the account's role does not grant \`${spec.permission}\``
      : '',
    spec.auth === 'required' && !spec.allowWhilePasswordChangeRequired ? PASSWORD_CHANGE : '',
  ].filter(Boolean);
  return reasons.length > 0 ? reasons.join('; or ') : null;
}

/** The standard responses of `spec`, in its surface's error shape. */
export function standardResponses(spec: AnySpec): Record<number, ResponseSpec> {
  const schema = ERROR_SCHEMA[spec.surface];
  const forbiddenBecause = forbidden(spec);
  const responses: Record<number, ResponseSpec> = {};
  if (spec.auth === 'required') responses[401] = { description: UNAUTHENTICATED, schema };
  if (forbiddenBecause) responses[403] = { description: forbiddenBecause, schema };
  if (spec.rateLimit !== false) responses[429] = { description: RATE_LIMITED, schema };
  return responses;
}

/**
 * `spec` with its standard responses added. Where the spec describes the same status for its own
 * reason (a download's 403 `LICENSE_REQUIRED`), both reasons are listed.
 */
export function withStandardResponses<S extends AnySpec>(spec: S): S {
  const responses = { ...standardResponses(spec) };
  for (const [key, own] of Object.entries(spec.responses)) {
    const status = Number(key);
    const standard = responses[status];
    responses[status] = standard
      ? { ...own, description: `${own.description}; or ${standard.description}` }
      : own;
  }
  return { ...spec, responses };
}
