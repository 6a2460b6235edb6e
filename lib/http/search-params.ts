import type { z } from 'zod';
import { mailedTokenSchema } from '@/lib/validations/auth';

/** A page's `searchParams`, as Next hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter that may repeat (`?page=2&page=3` reads 2). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A portal page's query string, read with its API twin's schema one field at a time: a field that
 * does not parse is dropped (and returned in `dropped`, for a note on the page) instead of refused,
 * because a bad filter is a link someone typed or kept, not an attack. Parameters the schema does
 * not name (campaign tags, say) are ignored, and so is `page_size`: a page sets its own.
 */
export function readPageQuery<T extends z.ZodObject>(
  schema: T,
  params: SearchParams,
): { query: z.output<T>; dropped: Record<string, string> } {
  const kept: Record<string, string> = {};
  const dropped: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = firstParam(params[key]);
    if (key === 'page_size' || !value) continue;
    if (schema.safeParse({ [key]: value }).success) kept[key] = value;
    else dropped[key] = value;
  }
  return { query: schema.parse(kept), dropped };
}

/** The props of a page that reads its query string. */
export interface QueryPageProps {
  searchParams: Promise<SearchParams>;
}

/** The mailed token a link page was opened with (`?token=`), or null when it is missing or malformed. */
export async function linkToken(searchParams: Promise<SearchParams>): Promise<string | null> {
  const parsed = mailedTokenSchema.safeParse(firstParam((await searchParams).token));
  return parsed.success ? parsed.data : null;
}
