import type { Metadata } from 'next';
import Link from 'next/link';
import { ContractList } from '@/components/contracts/contract-list';
import { StatusFilter } from '@/components/contracts/status-filter';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/card';
import { IgnoredStatus } from '@/components/ui/filter-links';
import { PagedList } from '@/components/ui/paged-list';
import { requireSession } from '@/lib/auth/guards';
import { listContracts } from '@/lib/contracts/read';
import { contractsQuery } from '@/lib/validations/contracts';
import { readPageQuery, type QueryPageProps } from '@/lib/http/search-params';
import { textLinkClass } from '@/components/ui/button-class';

export const metadata: Metadata = { title: 'Contracts' };

const PAGE_SIZE = 10;

export default async function ContractsPage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  const { query, dropped } = readPageQuery(contractsQuery, await searchParams);
  const result = await listContracts({
    userId: session.user.id,
    status: query.status,
    page: query.page,
    pageSize: PAGE_SIZE,
  });

  return (
    <>
      <PageHeader
        title="Contracts"
        description="Your monitoring contracts, their service tiers and dates."
      />
      <StatusFilter current={query.status} />
      <IgnoredStatus value={dropped.status} noun="contract" />
      <PagedList
        result={result}
        label="Contract pages"
        basePath="/contracts"
        query={{ status: query.status }}
        empty={
          query.status ? (
            <EmptyState title={`No ${query.status} contracts`}>
              <Link href="/contracts" className={textLinkClass}>
                Show all contracts
              </Link>
            </EmptyState>
          ) : (
            <EmptyState title="No contracts yet">
              Once your first monitoring contract starts, it shows up here.
            </EmptyState>
          )
        }
      >
        {(items) => <ContractList contracts={items} />}
      </PagedList>
    </>
  );
}
