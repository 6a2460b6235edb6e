import { DateText } from '@/components/ui/date';
import { CardSummary, DataTable, type Column } from '@/components/ui/table';
import { formatMoney } from '@/lib/payments/catalogue';
import type { InvoiceRow } from '@/lib/payments/views';
import { InvoiceLinks } from './invoice-links';
import { InvoiceStatusBadge } from './status-badges';

const amount = (invoice: InvoiceRow) => formatMoney(invoice.amount, invoice.currency);

const columns: Column<InvoiceRow>[] = [
  { header: 'Invoice', cell: (i) => i.number ?? i.id, className: 'font-medium' },
  { header: 'Date', cell: (i) => <DateText date={i.createdAt} />, className: 'whitespace-nowrap' },
  { header: 'Status', cell: (i) => <InvoiceStatusBadge status={i.status} /> },
  { header: 'Amount', cell: amount, align: 'right', className: 'whitespace-nowrap' },
  { header: <span className="sr-only">Links</span>, cell: (i) => <InvoiceLinks invoice={i} /> },
];

/** Invoices as a table from sm up, a list below it. */
export function InvoiceList({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <DataTable
      variant="plain"
      breakpoint="sm"
      rows={invoices}
      columns={columns}
      rowKey={(i) => i.id}
      card={(i) => (
        <CardSummary
          title={i.number ?? i.id}
          meta={
            <>
              <DateText date={i.createdAt} /> · {amount(i)}
            </>
          }
          badge={<InvoiceStatusBadge status={i.status} />}
        >
          <div className="mt-1">
            <InvoiceLinks invoice={i} />
          </div>
        </CardSummary>
      )}
    />
  );
}
