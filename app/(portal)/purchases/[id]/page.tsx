import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InvoiceLinks } from '@/components/payments/invoice-links';
import { LicenseKey } from '@/components/payments/license-key';
import {
  InvoiceStatusBadge,
  LicenseStatusBadge,
  licenseExplanation,
  PurchaseStatusBadge,
} from '@/components/payments/status-badges';
import { Card } from '@/components/ui/card';
import { DateText } from '@/components/ui/date';
import { DataTable } from '@/components/ui/table';
import { requireSession } from '@/lib/auth/guards';
import { orNotFound } from '@/lib/http/page-errors';
import { formatMoney } from '@/lib/payments/catalogue';
import { getPurchase } from '@/lib/payments/purchases';
import { parsePrefixedId, purchaseId } from '@/lib/payments/views';
import { textLinkClass } from '@/components/ui/button-class';

export const metadata: Metadata = { title: 'Receipt' };

const termClass = 'text-slate-500 dark:text-slate-400';

/**
 * One purchase as a receipt. Another customer's purchase, or an id that is not `purchase_<n>`,
 * answers 404: like the contract page, this route has no loading.tsx above it, so the purchase is
 * read and notFound() decided before anything streams.
 */
export default async function PurchasePage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const id = parsePrefixedId('purchase', (await params).id);
  if (id === null) notFound();
  const purchase = await orNotFound(getPurchase(session.user.id, id));
  const { license, invoice } = purchase;
  const explanation = license ? licenseExplanation(license) : null;

  return (
    <>
      <Link href="/purchases" className={`text-sm ${textLinkClass}`}>
        ← All purchases
      </Link>
      <div className="mt-2 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Receipt {purchaseId(purchase.id)}</h1>
        <PurchaseStatusBadge status={purchase.status} />
      </div>

      <Card title="Summary">
        <dl className="mb-5 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className={termClass}>Purchase</dt>
          <dd>{purchaseId(purchase.id)}</dd>
          <dt className={termClass}>Date</dt>
          <dd>
            <DateText date={purchase.createdAt} />
          </dd>
        </dl>
        <DataTable
          variant="plain"
          caption="Items"
          rows={purchase.items}
          rowKey={(item) => item.id}
          columns={[
            { header: 'Item', cell: (item) => item.description },
            { header: 'Qty', cell: (item) => item.quantity, align: 'right' },
            {
              header: 'Unit price',
              cell: (item) => formatMoney(item.amount, purchase.currency),
              align: 'right',
            },
            {
              header: 'Amount',
              cell: (item) => formatMoney(item.amount * item.quantity, purchase.currency),
              align: 'right',
            },
          ]}
          footer={
            <tr className="border-t-2 border-slate-300 font-semibold dark:border-slate-700">
              <th scope="row" colSpan={3} className="py-2 pr-4 text-right">
                Total paid
              </th>
              <td className="py-2 text-right tabular-nums">
                {formatMoney(purchase.amount, purchase.currency)}
              </td>
            </tr>
          }
        />
      </Card>

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card title="License">
          {license ? (
            <div className="space-y-3 text-sm">
              <LicenseKey value={license.key} />
              <p className="flex flex-wrap items-center gap-2">
                <LicenseStatusBadge status={license.status} />
                <span className={termClass}>Sense Base {license.majorVersion}.x</span>
              </p>
              {explanation ? (
                <p className="text-amber-800 dark:text-amber-200">{explanation}</p>
              ) : null}
              <p>
                <Link href="/downloads" className={textLinkClass}>
                  Go to downloads
                </Link>
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-500 dark:text-slate-400">No license was issued.</p>
          )}
        </Card>
        <Card title="Invoice">
          {invoice ? (
            <div className="space-y-3 text-sm">
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
                <dt className={termClass}>Number</dt>
                <dd>{invoice.number ?? invoice.id}</dd>
                <dt className={termClass}>Amount</dt>
                <dd className="tabular-nums">{formatMoney(invoice.amount, invoice.currency)}</dd>
                <dt className={termClass}>Status</dt>
                <dd>
                  <InvoiceStatusBadge status={invoice.status} />
                </dd>
                <dt className={termClass}>Date</dt>
                <dd>
                  <DateText date={invoice.createdAt} />
                </dd>
              </dl>
              <InvoiceLinks invoice={invoice} />
            </div>
          ) : (
            <p className="text-sm text-slate-500 dark:text-slate-400">
              No invoice is linked to this purchase yet.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
