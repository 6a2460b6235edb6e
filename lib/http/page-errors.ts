import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors';

/**
 * For pages: a domain 404 (missing, or another customer's) becomes Next's
 * not-found page with status 404. Call it before anything streams, or the
 * status has already been sent as 200.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (isAppError(err, 'NOT_FOUND')) notFound();
    throw err;
  }
}
