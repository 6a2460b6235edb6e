import type { Key, ReactNode } from 'react';
import Link from 'next/link';
import { textLinkClass } from './button-class';
import { cn } from './cn';

export interface Column<T> {
  /** Column heading; a string, or e.g. `<span className="sr-only">Links</span>`. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'right';
  /** Extra classes for the column's cells (`whitespace-nowrap`, `max-w-xs`, …). */
  className?: string;
}

/**
 * `framed`: a page's main list, in its own bordered box. `plain`: a table inside a Card.
 * Each variant has its cell padding and its small-screen list style.
 */
type Variant = 'framed' | 'plain';

const styles = {
  framed: {
    box: 'overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900',
    head: 'bg-slate-50 text-xs tracking-wide text-slate-500 uppercase dark:bg-slate-800/60 dark:text-slate-400',
    cell: 'px-4 py-3',
    lastCell: 'px-4 py-3',
    list: 'space-y-3',
    item: 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900',
  },
  plain: {
    box: 'overflow-x-auto',
    head: 'border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400',
    cell: 'py-2 pr-4',
    lastCell: 'py-2',
    list: 'divide-y divide-slate-200 dark:divide-slate-800',
    item: 'py-3 text-sm',
  },
} as const;

/** The breakpoint from which the table shows; below it, the cards (only one is ever displayed). */
const shown = { sm: ['sm:block', 'sm:hidden'], md: ['md:block', 'md:hidden'] } as const;

/**
 * The portal's one table: a `<table>` from `breakpoint` up and, when `card` is given, a list of
 * cards below it, so a list reads on a phone without sideways scrolling. Without `card` the table
 * always shows and scrolls sideways on a small screen.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  card,
  caption,
  footer,
  variant = 'framed',
  breakpoint = 'md',
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => Key;
  card?: (row: T) => ReactNode;
  /** Read by screen readers only. */
  caption?: string;
  /** A `<tfoot>`'s rows. */
  footer?: ReactNode;
  variant?: Variant;
  breakpoint?: keyof typeof shown;
}) {
  const style = styles[variant];
  const [showTable, hideCards] = shown[breakpoint];
  const cellClass = (column: Column<T>, index: number) =>
    cn(
      index === columns.length - 1 ? style.lastCell : style.cell,
      column.align === 'right' && 'text-right tabular-nums',
      column.className,
    );
  return (
    <>
      <div className={cn(style.box, card && `hidden ${showTable}`)}>
        <table className="w-full text-left text-sm">
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className={style.head}>
            <tr>
              {columns.map((column, i) => (
                <th
                  key={i}
                  scope="col"
                  className={cn(
                    i === columns.length - 1 ? style.lastCell : style.cell,
                    column.align === 'right' && 'text-right',
                    'font-medium',
                  )}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column, i) => (
                  <td key={i} className={cellClass(column, i)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {footer ? <tfoot>{footer}</tfoot> : null}
        </table>
      </div>
      {card ? (
        <ul className={cn(style.list, hideCards)}>
          {rows.map((row) => (
            <li key={rowKey(row)} className={style.item}>
              {card(row)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

const rowLinkClass = cn(textLinkClass, 'break-words');
const metaClass = 'text-xs text-slate-500 dark:text-slate-400';

/** A row's first cell: its name (a link when `href` is given) over a line of detail. */
export function TitleCell({
  title,
  href,
  meta,
}: {
  title: ReactNode;
  href?: string;
  meta?: ReactNode;
}) {
  return (
    <>
      {href ? (
        <Link href={href} className={rowLinkClass}>
          {title}
        </Link>
      ) : (
        <p className="font-medium">{title}</p>
      )}
      {meta ? <p className={metaClass}>{meta}</p> : null}
    </>
  );
}

/** A small-screen card: the title cell on the left, a badge on the right, details under both. */
export function CardSummary({
  badge,
  children,
  ...title
}: {
  title: ReactNode;
  href?: string;
  meta?: ReactNode;
  badge?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <TitleCell {...title} />
        </div>
        {badge}
      </div>
      {children}
    </>
  );
}
