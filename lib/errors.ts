/**
 * Typed domain errors. The domain layer throws them; lib/http maps them to
 * each surface's error shape in one place. `code` is stable and
 * machine-readable; `message` is for people.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_INACTIVE'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'REFRESH_TOKEN_INVALID'
  | 'REFRESH_TOKEN_REUSED'
  | 'REFRESH_TOKEN_RACE'
  | 'TOKEN_WRONG_SURFACE'
  | 'SESSION_REVOKED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'INVALID_CURRENT_PASSWORD'
  | 'LICENSE_REQUIRED'
  | 'URL_NOT_ALLOWED'
  | 'PAYMENT_INCOMPLETE'
  | 'PAYMENT_MISMATCH'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'PAYMENT_PROVIDER_UNAVAILABLE'
  | 'WEAK_PASSWORD'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: ErrorCode, message: string, details: string[] = []) =>
  new AppError(400, code, message, details);

export const unauthorized = (
  code: ErrorCode = 'UNAUTHENTICATED',
  message = 'Authentication required',
) => new AppError(401, code, message);

export const forbidden = (code: ErrorCode = 'FORBIDDEN', message = 'Forbidden') =>
  new AppError(403, code, message);

export const notFound = (message = 'Not found') => new AppError(404, 'NOT_FOUND', message);

export const conflict = (message: string) => new AppError(409, 'CONFLICT', message);

export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests') =>
  new AppError(429, 'RATE_LIMITED', message, [], {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

export const passwordChangeRequired = () =>
  new AppError(
    403,
    'PASSWORD_CHANGE_REQUIRED',
    'You must change your password before using this account',
  );
