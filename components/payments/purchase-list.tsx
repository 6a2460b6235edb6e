import { DateText } from '@/components/ui/date';
import { CardSummary, DataTable, TitleCell, type Column } from '@/components/ui/table';
import { formatMoney } from '@/lib/payments/catalogue';
import { purchaseId, type PurchaseRow } from '@/lib/payments/views';
import { PurchaseStatusBadge } from './status-badges';

function what(purchase: PurchaseRow): string {
  return purchase.items.map((i) => i.description).join(', ') || 'Purchase';
}

const href = (p: PurchaseRow) => `/purchases/${purchaseId(p.id)}`;
const amount = (p: PurchaseRow) => formatMoney(p.amount, p.currency);

const columns: Column<PurchaseRow>[] = [
  {
    header: 'Purchase',
    cell: (p) => <TitleCell title={what(p)} href={href(p)} meta={purchaseId(p.id)} />,
  },
  { header: 'Date', cell: (p) => <DateText date={p.createdAt} />, className: 'whitespace-nowrap' },
  { header: 'Status', cell: (p) => <PurchaseStatusBadge status={p.status} /> },
  { header: 'Amount', cell: amount, align: 'right', className: 'whitespace-nowrap' },
];

export function PurchaseList({ purchases }: { purchases: PurchaseRow[] }) {
  return (
    <DataTable
      rows={purchases}
      columns={columns}
      rowKey={(p) => p.id}
      card={(p) => (
        <CardSummary
          title={what(p)}
          href={href(p)}
          meta={
            <>
              {purchaseId(p.id)} · <DateText date={p.createdAt} />
            </>
          }
          badge={<PurchaseStatusBadge status={p.status} />}
        >
          <p className="mt-2 text-sm font-medium tabular-nums">{amount(p)}</p>
        </CardSummary>
      )}
    />
  );
}
