import { DateText } from '@/components/ui/date';
import { formatMoney } from '@/lib/payments/catalogue';
import type { InvoiceRow } from '@/lib/payments/views';
import { InvoiceLinks } from './invoice-links';
import { InvoiceStatusBadge } from './status-badges';

/** Invoices as a table from sm up, a list below it. */
export function InvoiceList({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Invoice
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Date
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Amount
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Links</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                <td className="py-2 pr-4 font-medium">{invoice.number ?? invoice.id}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  <DateText date={invoice.createdAt} />
                </td>
                <td className="py-2 pr-4">
                  <InvoiceStatusBadge status={invoice.status} />
                </td>
                <td className="py-2 pr-4 text-right whitespace-nowrap tabular-nums">
                  {formatMoney(invoice.amount, invoice.currency)}
                </td>
                <td className="py-2">
                  <InvoiceLinks invoice={invoice} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="divide-y divide-slate-200 sm:hidden dark:divide-slate-800">
        {invoices.map((invoice) => (
          <li key={invoice.id} className="py-3 text-sm">
            <div className="flex items-start justify-between gap-3">
              <div>
                <p className="font-medium">{invoice.number ?? invoice.id}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  <DateText date={invoice.createdAt} /> ·{' '}
                  {formatMoney(invoice.amount, invoice.currency)}
                </p>
              </div>
              <InvoiceStatusBadge status={invoice.status} />
            </div>
            <div className="mt-1">
              <InvoiceLinks invoice={invoice} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
