import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/card';
import { requireSession } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Support' };

export default async function SupportPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Support" />
      <EmptyState title="Nothing here yet">This section opens in a coming release.</EmptyState>
    </>
  );
}
