import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { BuyButton } from '@/components/payments/buy-button';
import { PurchaseList } from '@/components/payments/purchase-list';
import { Alert } from '@/components/ui/alert';
import { Card, EmptyState } from '@/components/ui/card';
import { PagedList } from '@/components/ui/paged-list';
import { requireSession } from '@/lib/auth/guards';
import { formatMoney, product } from '@/lib/payments/catalogue';
import { embeddedCheckoutKey } from '@/lib/payments/checkout';
import { listPurchases } from '@/lib/payments/purchases';
import { pageOnlyQuery } from '@/lib/validations/pagination';
import { buyAction } from '../actions';
import { firstParam, readPageQuery, type QueryPageProps } from '@/lib/http/search-params';

export const metadata: Metadata = { title: 'Purchases' };

const PAGE_SIZE = 10;

export default async function PurchasesPage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  const query = await searchParams;
  const { page } = readPageQuery(pageOnlyQuery, query).query;
  const result = await listPurchases(session.user.id, page, PAGE_SIZE);
  const base = product('base_product');
  const price = formatMoney(base.amount, base.currency).replace(/\.00$/, '');

  return (
    <>
      <PageHeader title="Purchases" description="Buy Sense Base and see what you have bought." />
      {firstParam(query.checkout) === 'cancelled' ? (
        <div className="mb-4">
          <Alert tone="info">Checkout was cancelled. Nothing was charged.</Alert>
        </div>
      ) : null}
      <Card
        title={`${base.name} ${base.majorVersion}`}
        description={`${base.description}: a one-time purchase with a license key for version ${base.majorVersion}.x and its downloads.`}
        className="mb-6"
      >
        <div className="flex flex-wrap items-center justify-between gap-4">
          <p className="text-2xl font-bold tabular-nums">
            {price}
            <span className="ml-1 text-sm font-normal text-slate-500 dark:text-slate-400">
              one-time, {base.currency.toUpperCase()}
            </span>
          </p>
          <BuyButton
            action={buyAction}
            label={`Buy ${base.name} — ${price}`}
            publishableKey={embeddedCheckoutKey()}
          />
        </div>
      </Card>
      <h2 className="mb-3 text-lg font-semibold">History</h2>
      <PagedList
        result={result}
        label="Purchase pages"
        basePath="/purchases"
        empty={
          <EmptyState title="No purchases yet">
            Once you buy Sense Base, the purchase, its receipt and your license key show up here.
          </EmptyState>
        }
      >
        {(items) => <PurchaseList purchases={items} />}
      </PagedList>
    </>
  );
}
