import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/**
 * For pages: a domain 404 (missing, or another customer's) becomes Next's
 * not-found page with status 404. Call it before anything streams, or the
 * status has already been sent as 200.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}
