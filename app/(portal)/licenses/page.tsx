import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { LicenseKey } from '@/components/payments/license-key';
import { LicenseStatusBadge, licenseExplanation } from '@/components/payments/status-badges';
import { EmptyState } from '@/components/ui/card';
import { DateText } from '@/components/ui/date';
import { requireSession } from '@/lib/auth/guards';
import { product, PRODUCT_TYPES, type ProductType } from '@/lib/payments/catalogue';
import { listLicenses } from '@/lib/licenses/licenses';
import { licenseId, purchaseId } from '@/lib/payments/views';
import { textLinkClass } from '@/components/ui/button-class';

export const metadata: Metadata = { title: 'Licenses' };

const productName = (type: string) =>
  (PRODUCT_TYPES as readonly string[]).includes(type)
    ? product(type as ProductType).name
    : type.replaceAll('_', ' ');

export default async function LicensesPage() {
  const session = await requireSession();
  const licenses = await listLicenses(session.user.id);

  return (
    <>
      <PageHeader
        title="Licenses"
        description="Your license keys. Each covers the major version it was bought for."
      />
      {licenses.length > 0 ? (
        <ul className="space-y-4">
          {licenses.map((license) => {
            const explanation = licenseExplanation(license);
            return (
              <li
                key={license.id}
                aria-label={`${productName(license.productType)} ${license.majorVersion}.x license`}
                className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
              >
                <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
                  <h2 className="text-base font-semibold">
                    {productName(license.productType)} {license.majorVersion}.x
                  </h2>
                  <LicenseStatusBadge status={license.status} />
                </div>
                <LicenseKey value={license.key} />
                {explanation ? (
                  <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                    {explanation}
                  </p>
                ) : null}
                <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
                  <span>{licenseId(license.id)}</span>
                  <span>
                    Issued <DateText date={license.createdAt} />
                  </span>
                  <span>
                    {license.expiresAt ? (
                      <>
                        Expires <DateText date={license.expiresAt} />
                      </>
                    ) : (
                      'Does not expire'
                    )}
                  </span>
                  <Link
                    href={`/purchases/${purchaseId(license.purchaseId)}`}
                    className={textLinkClass}
                  >
                    Receipt
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState title="No licenses yet">
          <Link href="/purchases" className={textLinkClass}>
            Buy Sense Base
          </Link>{' '}
          to get a license key.
        </EmptyState>
      )}
    </>
  );
}
