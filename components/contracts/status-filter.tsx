import { FilterLinks } from '@/components/ui/filter-links';
import { CONTRACT_STATUSES, type ContractStatusFilter } from '@/lib/validations/contracts';

const OPTIONS: { value: ContractStatusFilter | undefined; text: string }[] = [
  { value: undefined, text: 'All' },
  ...CONTRACT_STATUSES.map((s) => ({ value: s, text: s.charAt(0).toUpperCase() + s.slice(1) })),
];

export function StatusFilter({ current }: { current: ContractStatusFilter | undefined }) {
  return (
    <FilterLinks
      label="Filter by status"
      options={OPTIONS.map((o) => ({
        text: o.text,
        href: o.value ? `/contracts?status=${o.value}` : '/contracts',
        active: o.value === current,
      }))}
    />
  );
}
