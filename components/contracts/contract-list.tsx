import type { ContractSummary } from '@/lib/contracts/read';
import { ContractStatusBadge } from '@/components/contracts/status-badges';
import { DateText } from '@/components/ui/date';
import { CardSummary, DataTable, TitleCell, type Column } from '@/components/ui/table';

function EndDate({ date }: { date: Date | null }) {
  return date ? <DateText date={date} /> : <span>Open-ended</span>;
}

const href = (c: ContractSummary) => `/contracts/${c.id}`;

const columns: Column<ContractSummary>[] = [
  {
    header: 'Contract',
    cell: (c) => <TitleCell title={c.name} href={href(c)} meta={`#${c.id}`} />,
  },
  { header: 'Status', cell: (c) => <ContractStatusBadge status={c.status} /> },
  { header: 'Service tier', cell: (c) => c.tier.name },
  { header: 'Start', cell: (c) => <DateText date={c.startDate} />, className: 'whitespace-nowrap' },
  { header: 'End', cell: (c) => <EndDate date={c.endDate} />, className: 'whitespace-nowrap' },
];

function ContractCard({ contract: c }: { contract: ContractSummary }) {
  return (
    <CardSummary
      title={c.name}
      href={href(c)}
      meta={`#${c.id} · ${c.tier.name}`}
      badge={<ContractStatusBadge status={c.status} />}
    >
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        <DateText date={c.startDate} /> – <EndDate date={c.endDate} />
      </p>
    </CardSummary>
  );
}

export function ContractList({ contracts }: { contracts: ContractSummary[] }) {
  return (
    <DataTable
      rows={contracts}
      columns={columns}
      rowKey={(c) => c.id}
      card={(c) => <ContractCard contract={c} />}
    />
  );
}
