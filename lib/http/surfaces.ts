import type { SessionSurface } from '@/lib/db/generated/enums';
import type { AppError, FieldIssue } from '@/lib/errors';
import { statusOn } from './error-status';

/**
 * Each contract surface answers errors in its own document's shape. All carry
 * the stable `code` and the `request_id` beside the documented fields.
 */
export type SurfaceName = 'v1' | 'staff' | 'client' | 'auth' | 'giggatek' | 'internal';

export interface AcceptedSessions {
  /** Sessions whose bearer tokens this surface takes: only the ones it issued itself. */
  bearer: readonly SessionSurface[];
  /** Whether the portal's browser cookie is read. Bearer-only surfaces never read it. */
  cookie: boolean;
}

/**
 * Which sessions each surface accepts. A token is valid only on the surface that issued it
 * (ASVS 3.5.3); browser cookies work on the portal's own pages and actions and on /api/v1, the
 * API the portal's own front end may call.
 */
export const SURFACE_SESSIONS: Record<SurfaceName, AcceptedSessions> = {
  v1: { bearer: ['API_V1'], cookie: true },
  // Document 2's internal operations API: a staff account's /api/v1 token or its browser session.
  staff: { bearer: ['API_V1'], cookie: true },
  client: { bearer: ['CLIENT'], cookie: false },
  auth: { bearer: ['AUTH_API'], cookie: false },
  giggatek: { bearer: ['GIGGATEK'], cookie: false },
  internal: { bearer: [], cookie: false },
};

/** `field: message`, as document 5's `errors` array carries a field's problem. */
export function issueText(issue: FieldIssue): string {
  return `${issue.field}: ${issue.message}`;
}

/**
 * The body of an error answer. Field issues arrive named as the domain names its input
 * (`currentPassword`); `fieldNames` (from the endpoint spec) turns them into the names the
 * surface's request used (`current_password`).
 */
export function errorBody(
  surface: SurfaceName,
  err: AppError,
  requestId: string,
  fieldNames: Readonly<Record<string, string>> = {},
): unknown {
  if (surface === 'v1' || surface === 'staff' || surface === 'internal') {
    const details = [
      ...err.issues.map((i) => issueText({ ...i, field: fieldNames[i.field] ?? i.field })),
      ...err.notes,
    ];
    return {
      success: false,
      message: err.message,
      errors: details.length > 0 ? details : [err.message],
      code: err.code,
      ...(err.link ? { link: err.link } : {}),
      request_id: requestId,
    };
  }
  return {
    // Document 3's one word for every missing, invalid or expired token.
    error: surface === 'auth' && statusOn(surface, err) === 401 ? 'Unauthorized' : err.message,
    code: err.code,
    ...(err.link ? { link: err.link } : {}),
    request_id: requestId,
  };
}
