import Link from 'next/link';
import { cn } from './cn';

const linkClass =
  'rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800';
const disabledClass =
  'rounded-lg border border-slate-200 px-3 py-1.5 text-sm font-medium text-slate-400 dark:border-slate-800 dark:text-slate-600';

export type PageQuery = Record<string, string | undefined>;

/** The link to one page of a list, keeping its other query parameters (page 1 has no `page`). */
export function pageHref(basePath: string, query: PageQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/**
 * Previous / next links that keep the other query parameters. Renders
 * nothing when everything fits on one page.
 */
export function Pagination({
  page,
  totalPages,
  basePath,
  query = {},
  label = 'Pagination',
  className,
}: {
  page: number;
  totalPages: number;
  basePath: string;
  query?: PageQuery;
  label?: string;
  className?: string;
}) {
  if (totalPages <= 1 && page <= 1) return null;
  const href = (target: number) => pageHref(basePath, query, target);
  const prev = page > 1 ? Math.min(page - 1, totalPages) : null;
  const next = page < totalPages ? page + 1 : null;
  return (
    <nav aria-label={label} className={cn('flex items-center justify-between gap-3', className)}>
      {prev ? (
        <Link href={href(prev)} rel="prev" className={linkClass}>
          ← Previous
        </Link>
      ) : (
        <span aria-hidden="true" className={disabledClass}>
          ← Previous
        </span>
      )}
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Page {page} of {totalPages}
      </p>
      {next ? (
        <Link href={href(next)} rel="next" className={linkClass}>
          Next →
        </Link>
      ) : (
        <span aria-hidden="true" className={disabledClass}>
          Next →
        </span>
      )}
    </nav>
  );
}
