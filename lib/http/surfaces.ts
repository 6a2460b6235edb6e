import type { AppError } from '@/lib/errors';

/**
 * Each contract surface answers errors in its own document's shape. All carry
 * the stable `code` and the `request_id` beside the documented fields.
 */
export type SurfaceName = 'v1' | 'client' | 'auth' | 'giggatek' | 'internal';

export function errorBody(surface: SurfaceName, err: AppError, requestId: string): unknown {
  if (surface === 'v1' || surface === 'internal') {
    return {
      success: false,
      message: err.message,
      errors: err.details.length > 0 ? err.details : [err.message],
      code: err.code,
      request_id: requestId,
    };
  }
  return { error: err.message, code: err.code, request_id: requestId };
}
