import type { AppError, ErrorCode } from '@/lib/errors';
import type { SurfaceName } from './surfaces';

/**
 * The one place a domain error code becomes an HTTP status. Every surface answers the same status
 * for the same code, except where a surface's document shows another (`statusOn` below); the
 * body's shape is the surface's own (lib/http/surfaces.ts).
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  LINK_INVALID: 400,
  INVALID_JSON: 400,
  INVALID_CURRENT_PASSWORD: 400,
  WEAK_PASSWORD: 400,
  OIDC_CODE_INVALID: 400,
  URL_NOT_ALLOWED: 400,
  WEBHOOK_SIGNATURE_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_INACTIVE: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_WRONG_SURFACE: 401,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  REFRESH_TOKEN_RACE: 401,
  SESSION_REVOKED: 401,
  FORBIDDEN: 403,
  EMAIL_NOT_VERIFIED: 403,
  CROSS_SITE_REQUEST: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  LICENSE_REQUIRED: 403,
  OIDC_EMAIL_UNVERIFIED: 403,
  OIDC_LINK_REFUSED: 403,
  NOT_FOUND: 404,
  OIDC_NOT_CONFIGURED: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PASSWORD_NOT_SET: 409,
  TICKET_CLOSED: 409,
  EMAIL_TAKEN: 409,
  UPLOAD_LIMIT_REACHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  PAYMENT_MISMATCH: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PAYMENT_PROVIDER_UNAVAILABLE: 502,
  OIDC_PROVIDER_UNAVAILABLE: 502,
};

export const httpStatus = (err: AppError): number => ERROR_STATUS[err.code];

/** The headers an error's data calls for: `Retry-After` for limits, `Allow` for methods. */
export function errorHeaders(err: AppError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (err.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.retryAfterSeconds);
  if (err.allowed.length > 0) headers.Allow = err.allowed.join(', ');
  return headers;
}

/**
 * Where a surface's document gives another status for the same refusal. Document 3 shows only 400
 * for login and register failures, so on /api/auth a wrong password or a taken address is a 400.
 */
const STATUS_ON_SURFACE: Partial<Record<SurfaceName, Partial<Record<ErrorCode, number>>>> = {
  auth: { INVALID_CREDENTIALS: 400, ACCOUNT_INACTIVE: 400, EMAIL_TAKEN: 400 },
};

/** The status of `err` on `surface`: the one table, unless the surface's document says otherwise. */
export function statusOn(surface: SurfaceName, err: AppError): number {
  return STATUS_ON_SURFACE[surface]?.[err.code] ?? httpStatus(err);
}
