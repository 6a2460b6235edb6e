export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Which page of a list, of how many items. */
export interface PageWindow {
  page: number;
  pageSize: number;
}

/** Which page of a customer's own list. */
export interface OwnerPage extends PageWindow {
  userId: number;
}

/**
 * One page of a list: `find` reads the page's items (from `skip`, at most `take`) while `count`
 * counts them all, in parallel.
 */
export async function readPage<T>(
  { page, pageSize }: PageWindow,
  find: (window: { skip: number; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const [items, total] = await Promise.all([
    find({ skip: (page - 1) * pageSize, take: pageSize }),
    count(),
  ]);
  return pageOf(items, total, page, pageSize);
}
