import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/card';
import { requireSession } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Purchases' };

export default async function PurchasesPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Purchases" />
      <EmptyState title="Nothing here yet">This section opens in a coming release.</EmptyState>
    </>
  );
}
