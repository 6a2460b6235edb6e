import Link from 'next/link';
import { DateText } from '@/components/ui/date';
import { formatMoney } from '@/lib/payments/catalogue';
import { purchaseId, type PurchaseRow } from '@/lib/payments/views';
import { PurchaseStatusBadge } from './status-badges';

const linkClass = 'font-medium text-brand-600 hover:underline dark:text-brand-100';

function what(purchase: PurchaseRow): string {
  return purchase.items.map((i) => i.description).join(', ') || 'Purchase';
}

/** A table from md up, cards below it (only one of the two is ever displayed). */
export function PurchaseList({ purchases }: { purchases: PurchaseRow[] }) {
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm md:block dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Purchase
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Date
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Amount
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {purchases.map((p) => (
              <tr key={p.id}>
                <td className="px-4 py-3">
                  <Link href={`/purchases/${purchaseId(p.id)}`} className={linkClass}>
                    {what(p)}
                  </Link>
                  <p className="text-xs text-slate-500 dark:text-slate-400">{purchaseId(p.id)}</p>
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <DateText date={p.createdAt} />
                </td>
                <td className="px-4 py-3">
                  <PurchaseStatusBadge status={p.status} />
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                  {formatMoney(p.amount, p.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 md:hidden">
        {purchases.map((p) => (
          <li
            key={p.id}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link href={`/purchases/${purchaseId(p.id)}`} className={linkClass}>
                  {what(p)}
                </Link>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {purchaseId(p.id)} · <DateText date={p.createdAt} />
                </p>
              </div>
              <PurchaseStatusBadge status={p.status} />
            </div>
            <p className="mt-2 text-sm font-medium tabular-nums">
              {formatMoney(p.amount, p.currency)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
