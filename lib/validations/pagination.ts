import { z } from 'zod';

/** `page` and `page_size`, as every paginated /api/v1 list takes them. */
export const paginationQuery = {
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1)
    .meta({ description: 'Page number, from 1' }),
  page_size: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .meta({ description: 'Items per page, 1-100 (default 20)' }),
};

/** A list that takes nothing but `page` and `page_size`. */
export const pageOnlyQuery = z.object(paginationQuery).strict();

/** `?page=` on the portal's lists; anything unreadable is page 1. */
export const pageQuery = paginationQuery.page.catch(1);
