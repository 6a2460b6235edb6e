import Link from 'next/link';
import { cn } from './cn';
import { Alert } from './alert';

/** Filters as links, not a form: each is a shareable URL and needs no JavaScript. */
export function FilterLinks({
  label,
  options,
}: {
  label: string;
  options: { text: string; href: string; active: boolean }[];
}) {
  return (
    <nav aria-label={label} className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {options.map((o) => (
          <li key={o.text}>
            <Link
              href={o.href}
              aria-current={o.active ? 'page' : undefined}
              className={cn(
                'inline-block rounded-full border px-3 py-1 text-sm font-medium whitespace-nowrap',
                o.active
                  ? 'border-brand-600 bg-brand-600 text-white dark:border-brand-500 dark:bg-brand-600'
                  : 'border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800',
              )}
            >
              {o.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The note a list shows when its `?status=` was not one it knows: it lists everything instead. */
export function IgnoredStatus({ value, noun }: { value: string | undefined; noun: string }) {
  if (!value) return null;
  return (
    <div className="mb-4">
      <Alert tone="info">
        “{value.slice(0, 40)}” is not a {noun} status; showing all {noun}s.
      </Alert>
    </div>
  );
}
