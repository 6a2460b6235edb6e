import { cn } from './cn';

export type BadgeTone = 'green' | 'slate' | 'amber' | 'orange' | 'red' | 'blue';

const tones: Record<BadgeTone, string> = {
  green:
    'bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30',
  slate:
    'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/30',
  amber:
    'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30',
  orange:
    'bg-orange-50 text-orange-800 ring-orange-600/20 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-400/30',
  red: 'bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/30',
  blue: 'bg-brand-50 text-brand-700 ring-brand-600/20 dark:bg-slate-800 dark:text-brand-100 dark:ring-brand-500/40',
};

/** An enum value as a word: `FAULTY` → `Faulty`, `paid` → `Paid`. */
export function enumLabel(value: string): string {
  const lower = value.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** A short status label; the colour repeats what the text says, never replaces it. */
export function Badge({
  tone,
  children,
  className,
}: {
  tone: BadgeTone;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cn(
        'inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/**
 * A badge component for one enum: `<XBadge status={value} />` shows the value as a word, in the
 * tone `tones` gives it.
 */
export function statusBadge<T extends string>(tones: Record<T, BadgeTone>) {
  return function StatusBadge({ status }: { status: T }) {
    return <Badge tone={tones[status]}>{enumLabel(status)}</Badge>;
  };
}
