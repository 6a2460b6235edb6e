import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { NewTicketForm } from '@/components/support/new-ticket-form';
import { requireSession } from '@/lib/auth/guards';
import { listContracts } from '@/lib/contracts/read';
import { firstParam, type QueryPageProps } from '@/lib/http/search-params';
import { listPurchases } from '@/lib/payments/purchases';
import { purchaseId } from '@/lib/payments/views';
import { ticketIdParam } from '@/lib/validations/support';
import { createTicketAction } from '../actions';

export const metadata: Metadata = { title: 'New ticket' };

/** What a ticket can be about: the customer's latest contracts and purchases. */
async function referenceOptions(userId: number) {
  const [contracts, purchases] = await Promise.all([
    listContracts({ userId, page: 1, pageSize: 50 }),
    listPurchases(userId, 1, 50),
  ]);
  return [
    ...contracts.items.map((c) => ({ value: `contract:${c.id}`, label: `Contract: ${c.name}` })),
    ...purchases.items.map((p) => ({
      value: purchaseId(p.id),
      label: `Purchase ${purchaseId(p.id)} (${p.createdAt.toISOString().slice(0, 10)})`,
    })),
  ];
}

export default async function NewTicketPage({ searchParams }: QueryPageProps) {
  const session = await requireSession();
  const followUp = ticketIdParam.safeParse(firstParam((await searchParams).followUpOf));
  return (
    <>
      <Link
        href="/support"
        className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
      >
        ← All tickets
      </Link>
      <div className="mt-2">
        <PageHeader
          title="New ticket"
          description="Tell us what is going on; we answer by priority, urgent first."
        />
      </div>
      <NewTicketForm
        action={createTicketAction}
        references={await referenceOptions(session.user.id)}
        followUpOf={followUp.success ? `ticket_${followUp.data}` : undefined}
      />
    </>
  );
}
