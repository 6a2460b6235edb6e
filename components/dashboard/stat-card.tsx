import Link from 'next/link';
import { useId } from 'react';

/** One number on the dashboard, labelled so tests and screen readers can find it as a region. */
export function StatCard({
  label,
  value,
  detail,
  href,
  linkText,
}: {
  label: string;
  value: number;
  detail?: React.ReactNode;
  href?: string;
  linkText?: string;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={id} className="text-sm font-medium text-slate-500 dark:text-slate-400">
        {label}
      </h2>
      <p className="mt-2 text-3xl font-semibold tracking-tight tabular-nums">{value}</p>
      {detail ? <div className="mt-1 text-sm">{detail}</div> : null}
      {href && linkText ? (
        <Link
          href={href}
          className="mt-auto pt-3 text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
        >
          {linkText} →
        </Link>
      ) : null}
    </section>
  );
}
