import type { Metadata } from 'next';
import Link from 'next/link';
import { ContractList } from '@/components/contracts/contract-list';
import { StatusFilter } from '@/components/contracts/status-filter';
import { PageHeader } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { requireSession } from '@/lib/auth/guards';
import { listContracts } from '@/lib/contracts/read';
import { contractsQuery } from '@/lib/validations/contracts';
import { firstParam, type SearchParams } from '@/lib/http/search-params';

export const metadata: Metadata = { title: 'Contracts' };

const PAGE_SIZE = 10;

/**
 * A bad filter is a link someone typed or kept, not an attack: show every
 * contract with a note instead of an error page. Other query parameters
 * (campaign tags, say) are ignored rather than refused.
 */
function readQuery(searchParams: SearchParams) {
  const status = firstParam(searchParams.status);
  const page = firstParam(searchParams.page);
  const both = contractsQuery.safeParse({ status: status || undefined, page });
  if (both.success) return { ...both.data, invalidStatus: null };
  const statusOnly = contractsQuery.safeParse({ status: status || undefined });
  const pageOnly = contractsQuery.safeParse({ page });
  return {
    status: statusOnly.success ? statusOnly.data.status : undefined,
    page: pageOnly.success ? pageOnly.data.page : 1,
    invalidStatus: statusOnly.success ? null : (status ?? null),
  };
}

export default async function ContractsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const session = await requireSession();
  const query = readQuery(await searchParams);
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
      {query.invalidStatus !== null ? (
        <div className="mb-4">
          <Alert tone="info">
            “{query.invalidStatus.slice(0, 40)}” is not a contract status; showing all contracts.
          </Alert>
        </div>
      ) : null}
      {result.items.length > 0 ? (
        <>
          <ContractList contracts={result.items} />
          <Pagination
            className="mt-4"
            label="Contract pages"
            page={result.page}
            totalPages={result.totalPages}
            basePath="/contracts"
            query={{ status: query.status }}
          />
        </>
      ) : result.total > 0 ? (
        <EmptyState title="This page is empty">
          <Link
            href={query.status ? `/contracts?status=${query.status}` : '/contracts'}
            className="font-medium text-brand-600 hover:underline dark:text-brand-100"
          >
            Go to the first page
          </Link>
        </EmptyState>
      ) : query.status ? (
        <EmptyState title={`No ${query.status} contracts`}>
          <Link
            href="/contracts"
            className="font-medium text-brand-600 hover:underline dark:text-brand-100"
          >
            Show all contracts
          </Link>
        </EmptyState>
      ) : (
        <EmptyState title="No contracts yet">
          Once your first monitoring contract starts, it shows up here.
        </EmptyState>
      )}
    </>
  );
}
