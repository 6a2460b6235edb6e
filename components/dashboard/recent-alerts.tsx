import Link from 'next/link';
import type { AlertItem } from '@/lib/contracts/read';
import { SeverityBadge } from '@/components/contracts/status-badges';
import { enumLabel } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date';

/** The newest active alerts, each linked to its contract. */
export function RecentAlerts({ alerts, now }: { alerts: AlertItem[]; now: Date }) {
  if (alerts.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No active alerts. Everything is quiet.
      </p>
    );
  }
  return (
    <ul className="-my-3 divide-y divide-slate-200 dark:divide-slate-800">
      {alerts.map((a) => (
        <li
          key={a.id}
          className="grid grid-cols-[4.5rem_minmax(0,1fr)] items-start gap-x-3 gap-y-1 py-3 sm:grid-cols-[4.5rem_minmax(0,1fr)_auto]"
        >
          <span className="pt-0.5">
            <SeverityBadge severity={a.severity} />
          </span>
          <div>
            <Link
              href={`/contracts/${a.contractId}`}
              className="text-sm font-medium break-words text-slate-900 hover:text-brand-600 hover:underline dark:text-slate-100 dark:hover:text-brand-100"
            >
              {a.message}
            </Link>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {a.contractName} · {enumLabel(a.equipmentKind)}, {a.equipmentLocation}
              {a.acknowledgedAt ? ' · acknowledged' : ''}
            </p>
          </div>
          <span className="col-start-2 text-xs whitespace-nowrap text-slate-500 sm:col-start-3 sm:row-start-1 sm:pt-0.5 dark:text-slate-400">
            <RelativeTime date={a.raisedAt} now={now} />
          </span>
        </li>
      ))}
    </ul>
  );
}
