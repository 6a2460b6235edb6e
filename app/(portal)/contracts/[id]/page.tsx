import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AlertList } from '@/components/contracts/alert-list';
import { EquipmentList } from '@/components/contracts/equipment-list';
import { ContractStatusBadge } from '@/components/contracts/status-badges';
import { Card } from '@/components/ui/card';
import { DateText } from '@/components/ui/date';
import { requireSession } from '@/lib/auth/guards';
import { getContractDetail } from '@/lib/contracts/read';
import { orNotFound } from '@/lib/http/page-errors';
import { idParam } from '@/lib/validations/contracts';
import { acknowledgeAlertAction } from './actions';

export const metadata: Metadata = { title: 'Contract' };

/**
 * Another customer's contract, or an id that is not one, must answer 404.
 * The status goes out with the first byte, so this route has no loading.tsx
 * (nor one above it in the portal group): the contract is read, and notFound()
 * decided, before anything streams.
 */
export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const contract = await orNotFound(
    getContractDetail({ userId: session.user.id, contractId: id.data }),
  );
  const now = new Date();
  const active = contract.alerts.filter((a) => !a.resolvedAt);
  const resolved = contract.alerts.filter((a) => a.resolvedAt);

  return (
    <>
      <Link
        href="/contracts"
        className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
      >
        ← All contracts
      </Link>
      <div className="mt-2 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight break-words">{contract.name}</h1>
        <ContractStatusBadge status={contract.status} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Details">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-500 dark:text-slate-400">Contract number</dt>
            <dd>{contract.id}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Start date</dt>
            <dd>
              <DateText date={contract.startDate} />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">End date</dt>
            <dd>{contract.endDate ? <DateText date={contract.endDate} /> : 'Open-ended'}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Service tier</dt>
            <dd>{contract.tier.name}</dd>
          </dl>
        </Card>
        <Card title={`${contract.tier.name} service`} description="What your service tier includes">
          <ul className="space-y-1.5 text-sm">
            {contract.tier.features.map((f) => (
              <li key={f} className="flex gap-2">
                <span aria-hidden="true" className="text-emerald-600 dark:text-emerald-400">
                  ✓
                </span>
                {f}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title={`Equipment (${contract.equipment.length})`} className="mt-6">
        <EquipmentList equipment={contract.equipment} />
      </Card>
      <Card
        title="Alerts"
        description={`${active.length} active, ${resolved.length} resolved`}
        className="mt-6"
      >
        <AlertList
          active={active}
          resolved={resolved}
          now={now}
          acknowledgeAction={acknowledgeAlertAction}
        />
      </Card>
    </>
  );
}
