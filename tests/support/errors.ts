import { AppError, type ErrorCode, type FieldIssue } from '@/lib/errors';
import { errorHeaders, httpStatus } from '@/lib/http/error-status';

/** A domain error as the HTTP layer will answer it: its code, status and headers from one table. */
export interface ErrorView {
  code: ErrorCode;
  status: number;
  message: string;
  issues: readonly FieldIssue[];
  headers: Record<string, string>;
}

export function errorView(err: unknown): ErrorView {
  if (!(err instanceof AppError)) throw err;
  return {
    code: err.code,
    status: httpStatus(err),
    message: err.message,
    issues: err.issues,
    headers: errorHeaders(err),
  };
}

/** The error a promise rejects with, as answered; fails if it resolves. */
export async function rejectionView(promise: Promise<unknown>): Promise<ErrorView> {
  const err: unknown = await promise.then(
    () => new Error('unexpectedly succeeded'),
    (e: unknown) => e,
  );
  return errorView(err);
}

/** The code of the domain error a promise rejects with, or 'OK' when it resolves. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'OK';
}
