import type { ReactNode } from 'react';
import Link from 'next/link';
import type { Page } from '@/lib/pagination';
import { EmptyState } from './card';
import { pageHref, Pagination, type PageQuery } from './pagination';
import { textLinkClass } from './button-class';

/**
 * One page of a list with its pagination, and the two ways it can be empty: a page past the end
 * (a link back to the first page, filters kept) or nothing at all (`empty`, the list's own words).
 */
export function PagedList<T>({
  result,
  label,
  basePath,
  query = {},
  empty,
  children,
}: {
  result: Page<T>;
  /** Names the pagination landmark, e.g. "Contract pages". */
  label: string;
  basePath: string;
  query?: PageQuery;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (result.items.length > 0) {
    return (
      <>
        {children(result.items)}
        <Pagination
          className="mt-4"
          label={label}
          page={result.page}
          totalPages={result.totalPages}
          basePath={basePath}
          query={query}
        />
      </>
    );
  }
  if (result.total > 0) {
    return (
      <EmptyState title="This page is empty">
        There are fewer results than that.{' '}
        <Link href={pageHref(basePath, query, 1)} className={textLinkClass}>
          Go to the first page
        </Link>
      </EmptyState>
    );
  }
  return empty;
}
