import Link from 'next/link';
import { CONTRACT_STATUSES, type ContractStatusFilter } from '@/lib/validations/contracts';
import { cn } from '@/components/ui/cn';

const OPTIONS: { value: ContractStatusFilter | undefined; text: string }[] = [
  { value: undefined, text: 'All' },
  ...CONTRACT_STATUSES.map((s) => ({ value: s, text: s.charAt(0).toUpperCase() + s.slice(1) })),
];

/** Links, not a form: each filter is a shareable URL and needs no JavaScript. */
export function StatusFilter({ current }: { current: ContractStatusFilter | undefined }) {
  return (
    <nav aria-label="Filter by status" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {OPTIONS.map((o) => {
          const active = o.value === current;
          return (
            <li key={o.text}>
              <Link
                href={o.value ? `/contracts?status=${o.value}` : '/contracts'}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-block rounded-full border px-3 py-1 text-sm font-medium whitespace-nowrap',
                  active
                    ? 'border-brand-600 bg-brand-600 text-white dark:border-brand-500 dark:bg-brand-600'
                    : 'border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800',
                )}
              >
                {o.text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
