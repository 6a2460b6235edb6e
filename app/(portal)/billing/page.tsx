import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { AddCardButton } from '@/components/payments/add-card-button';
import { InvoiceList } from '@/components/payments/invoice-list';
import { RemoveCardButton } from '@/components/payments/remove-card-button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PagedList } from '@/components/ui/paged-list';
import { requireSession } from '@/lib/auth/guards';
import { listInvoices } from '@/lib/payments/billing';
import { paymentMethodsForPage } from '@/lib/payments/billing-page';
import { pageOnlyQuery } from '@/lib/validations/pagination';
import { addCardAction, removeCardAction } from './actions';
import { firstParam, readPageQuery, type QueryPageProps } from '@/lib/http/search-params';

export const metadata: Metadata = { title: 'Billing' };

const PAGE_SIZE = 10;

const expiry = (month: number, year: number) =>
  `${String(month).padStart(2, '0')}/${String(year).slice(-2)}`;

export default async function BillingPage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  const query = await searchParams;
  const { page } = readPageQuery(pageOnlyQuery, query).query;
  const [methods, invoices] = await Promise.all([
    paymentMethodsForPage(session.user.id),
    listInvoices(session.user.id, page, PAGE_SIZE),
  ]);
  const cards = methods.state === 'listed' ? methods.cards : [];

  return (
    <>
      <PageHeader title="Billing" description="Your saved cards and invoices." />
      {firstParam(query.card) === 'added' || firstParam(query.card) === 'removed' ? (
        <div className="mb-4">
          <Alert tone="success">
            {firstParam(query.card) === 'added' ? 'Your card was saved.' : 'The card was removed.'}
          </Alert>
        </div>
      ) : null}
      <Card
        title="Payment methods"
        description="Cards saved with Stripe for future payments. Sense Security never sees the full number."
        actions={<AddCardButton action={addCardAction} />}
        className="mb-6"
      >
        {methods.state === 'limited' ? (
          <Alert tone="error">
            {methods.message}. Your saved cards are listed again after that.
          </Alert>
        ) : cards.length > 0 ? (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {cards.map((card) => {
              const name = `${card.brandName} ending in ${card.last4}`;
              return (
                <li
                  key={card.id}
                  className="flex flex-wrap items-center justify-between gap-3 py-3"
                  aria-label={name}
                >
                  <div className="flex items-center gap-3">
                    <span
                      aria-hidden="true"
                      className="inline-flex h-8 w-12 items-center justify-center rounded-md border border-slate-300 text-[10px] font-bold tracking-wide uppercase dark:border-slate-700"
                    >
                      {card.brand}
                    </span>
                    <div>
                      <p className="text-sm font-medium">
                        {/* The list item is named "Visa ending in 4242" for screen readers. */}
                        {card.brandName} <span aria-hidden="true">••••</span> {card.last4}
                      </p>
                      <p className="text-xs text-slate-500 dark:text-slate-400">
                        {card.expired ? 'Expired' : 'Expires'} {expiry(card.expMonth, card.expYear)}
                      </p>
                    </div>
                    {card.isDefault ? <Badge tone="blue">Default</Badge> : null}
                  </div>
                  <RemoveCardButton
                    paymentMethodId={card.id}
                    description={name}
                    action={removeCardAction}
                  />
                </li>
              );
            })}
          </ul>
        ) : (
          <EmptyState title="No saved cards">
            Cards you save here, or while buying, can be used for future payments.
          </EmptyState>
        )}
      </Card>
      <Card title="Invoices" description="One per purchase, issued by Stripe.">
        <PagedList
          result={invoices}
          label="Invoice pages"
          basePath="/billing"
          empty={
            <EmptyState title="No invoices yet">Your purchases’ invoices show up here.</EmptyState>
          }
        >
          {(items) => <InvoiceList invoices={items} />}
        </PagedList>
      </Card>
    </>
  );
}
