import { useId } from 'react';
import { cn } from './cn';

/** The muted line under a page's or a card's heading; nothing when there is none. */
export function Subheading({ text }: { text?: string }) {
  return text ? <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{text}</p> : null;
}

export function Card({
  title,
  description,
  children,
  className,
  actions,
}: {
  title?: string;
  description?: string;
  children: React.ReactNode;
  className?: string;
  actions?: React.ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={cn(
        'rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900',
        className,
      )}
    >
      {title ? (
        <header className="mb-4 flex items-start justify-between gap-4">
          <div>
            <h2 id={headingId} className="text-base font-semibold">
              {title}
            </h2>
            <Subheading text={description} />
          </div>
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children ? (
        <div className="mt-1 text-sm text-slate-500 dark:text-slate-400">{children}</div>
      ) : null}
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={cn('animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800', className)}
    />
  );
}
