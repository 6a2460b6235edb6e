import { z } from 'zod';
import type { ResponseSpec } from '@/lib/http/endpoint';
import type { Page } from '@/lib/pagination';

/** Document 5's success envelope. */
export function v1Ok<T>(message: string, data?: T): { success: true; message: string; data?: T } {
  return data === undefined ? { success: true, message } : { success: true, message, data };
}

export const v1ErrorSchema = z
  .object({
    success: z.literal(false),
    message: z.string(),
    errors: z.array(z.string()),
    code: z.string().meta({ description: 'Stable machine-readable error code' }),
    link: z
      .string()
      .optional()
      .meta({ description: 'Where to go instead, e.g. the follow-up form for a closed ticket' }),
    request_id: z.string(),
  })
  .meta({ id: 'V1Error' });

export function v1Success<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), message: z.string(), data });
}

/** A success answer: its description, and `data` in the envelope. */
export function v1Answer(description: string, data: z.ZodType): ResponseSpec {
  return { description, schema: v1Success(data) };
}

/** A success answer that carries nothing but its message. */
export function v1MessageAnswer(description: string): ResponseSpec {
  return { description, schema: z.object({ success: z.literal(true), message: z.string() }) };
}

export const v1Errors = {
  400: { description: 'Validation failed or malformed JSON', schema: v1ErrorSchema },
  401: { description: 'Missing, invalid or expired credentials', schema: v1ErrorSchema },
  403: {
    description: 'Forbidden, e.g. `PASSWORD_CHANGE_REQUIRED`',
    schema: v1ErrorSchema,
  },
  413: { description: 'Body too large', schema: v1ErrorSchema },
  415: { description: 'Cookie-authenticated write without JSON', schema: v1ErrorSchema },
  429: { description: 'Rate limited; see Retry-After', schema: v1ErrorSchema },
  404: { description: 'Not found, or not yours', schema: v1ErrorSchema },
} as const;

/** How every paginated /api/v1 list says so in its description. */
export const PAGINATION_NOTE =
  ' Paginated: `page` (from 1) and `page_size` (1-100, default 20); the answer carries `items`, `page`, `page_size`, `total` and `total_pages`.';

/** The portal's one page shape for /api/v1 lists: `{items, page, page_size, total, total_pages}`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    page_size: z.number().int(),
    total: z.number().int(),
    total_pages: z.number().int(),
  });

/** A success answer that is one page of `item`s. */
export function v1PageAnswer(description: string, item: z.ZodType): ResponseSpec {
  return v1Answer(description, pageSchema(item));
}

export function presentPage<T, U>(page: Page<T>, present: (item: T) => U) {
  return {
    items: page.items.map(present),
    page: page.page,
    page_size: page.pageSize,
    total: page.total,
    total_pages: page.totalPages,
  };
}

/** Database enums (ACTIVE) as the APIs write them (active). */
export const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;

/** Wire values (awaiting_support) as the database's enums (AWAITING_SUPPORT). */
export const upper = <T extends string>(value: T) => value.toUpperCase() as Uppercase<T>;
