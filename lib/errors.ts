/**
 * Typed domain errors. The domain throws them with a code and, for input it
 * refuses, structured field issues named after its own input; it never names
 * an HTTP status. lib/http turns the code into a status (one table,
 * lib/http/error-status.ts) and each surface maps the issues to its own field
 * names and error shape. `code` is stable and machine-readable; `message` is
 * for people.
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
  | 'PASSWORD_NOT_SET'
  | 'OIDC_NOT_CONFIGURED'
  | 'OIDC_CODE_INVALID'
  | 'OIDC_EMAIL_UNVERIFIED'
  | 'OIDC_LINK_REFUSED'
  | 'OIDC_PROVIDER_UNAVAILABLE'
  | 'LICENSE_REQUIRED'
  | 'URL_NOT_ALLOWED'
  | 'PAYMENT_MISMATCH'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'PAYMENT_PROVIDER_UNAVAILABLE'
  | 'WEAK_PASSWORD'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'TICKET_CLOSED'
  | 'EMAIL_TAKEN'
  | 'EMAIL_NOT_VERIFIED'
  | 'LINK_INVALID'
  | 'UPLOAD_LIMIT_REACHED'
  | 'CROSS_SITE_REQUEST'
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

/** One refused field, named as the domain function's input names it (`currentPassword`). */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  issues?: readonly FieldIssue[];
  /** How long a limited caller should wait (RATE_LIMITED). */
  retryAfterSeconds?: number;
  /** What the caller may use instead (METHOD_NOT_ALLOWED). */
  allowed?: readonly string[];
  /** Problems that concern no field (the JSON parser's complaint, say). */
  notes?: readonly string[];
  /** Where the caller can go instead: a path on the portal (a closed ticket's follow-up form). */
  link?: string;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly issues: readonly FieldIssue[];
  readonly retryAfterSeconds: number | undefined;
  readonly allowed: readonly string[];
  readonly notes: readonly string[];
  readonly link: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allowed = options.allowed ?? [];
    this.notes = options.notes ?? [];
    this.link = options.link;
  }
}

export const isAppError = (err: unknown, code?: ErrorCode): err is AppError =>
  err instanceof AppError && (code === undefined || err.code === code);

/** Input the domain refuses: a message, and the fields it concerns. */
export const invalid = (code: ErrorCode, message: string, issues: readonly FieldIssue[] = []) =>
  new AppError(code, message, { issues });

export const unauthorized = (
  code: ErrorCode = 'UNAUTHENTICATED',
  message = 'Authentication required',
) => new AppError(code, message);

export const forbidden = (code: ErrorCode = 'FORBIDDEN', message = 'Forbidden') =>
  new AppError(code, message);

export const notFound = (message = 'Not found') => new AppError('NOT_FOUND', message);

export const conflict = (message: string) => new AppError('CONFLICT', message);

export const accountInactive = () =>
  new AppError('ACCOUNT_INACTIVE', 'This account is inactive; contact support');

export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests') =>
  new AppError('RATE_LIMITED', message, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
  });

export const passwordChangeRequired = () =>
  new AppError(
    'PASSWORD_CHANGE_REQUIRED',
    'You must change your password before using this account',
  );
