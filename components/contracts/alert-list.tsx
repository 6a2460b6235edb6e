import type { FormAction } from '@/lib/actions/validated-action';
import type { AlertItem } from '@/lib/contracts/read';
import { AcknowledgeButton } from '@/components/contracts/acknowledge-button';
import { SeverityBadge } from '@/components/contracts/status-badges';
import { enumLabel } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date';

type Action = FormAction;

function AlertRow({ alert, now, action }: { alert: AlertItem; now: Date; action: Action }) {
  const needsAck = !alert.resolvedAt && !alert.acknowledgedAt;
  return (
    <li className="grid grid-cols-[4.5rem_minmax(0,1fr)] items-start gap-x-3 gap-y-2 py-3 sm:grid-cols-[4.5rem_minmax(0,1fr)_auto]">
      <span className="pt-0.5">
        <SeverityBadge severity={alert.severity} />
      </span>
      <div>
        <p className="text-sm font-medium break-words">{alert.message}</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {enumLabel(alert.equipmentKind)} · {alert.equipmentLocation}
        </p>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          Raised <RelativeTime date={alert.raisedAt} now={now} />
          {' · '}
          {alert.acknowledgedAt ? (
            <>
              Acknowledged <RelativeTime date={alert.acknowledgedAt} now={now} />
            </>
          ) : (
            <span className="font-medium text-red-700 dark:text-red-300">Not acknowledged</span>
          )}
          {alert.resolvedAt ? (
            <>
              {' · '}Resolved <RelativeTime date={alert.resolvedAt} now={now} />
            </>
          ) : null}
        </p>
      </div>
      {needsAck || !alert.resolvedAt ? (
        // Under the text on a phone, at the end of the row from sm up.
        <div className="col-start-2 sm:col-start-3 sm:row-start-1">
          {needsAck ? (
            <AcknowledgeButton alertId={alert.id} message={alert.message} action={action} />
          ) : (
            <Badge tone="slate">Acknowledged</Badge>
          )}
        </div>
      ) : null}
    </li>
  );
}

/** Active alerts first (newest first), then the resolved ones. */
export function AlertList({
  active,
  resolved,
  now,
  acknowledgeAction,
}: {
  active: AlertItem[];
  resolved: AlertItem[];
  now: Date;
  acknowledgeAction: Action;
}) {
  if (active.length === 0 && resolved.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No alerts have been raised under this contract.
      </p>
    );
  }
  const group = (title: string, alerts: AlertItem[], empty: string) => (
    <section aria-label={`${title} alerts`}>
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {title}
      </h3>
      {alerts.length > 0 ? (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {alerts.map((a) => (
            <AlertRow key={a.id} alert={a} now={now} action={acknowledgeAction} />
          ))}
        </ul>
      ) : (
        <p className="py-3 text-sm text-slate-500 dark:text-slate-400">{empty}</p>
      )}
    </section>
  );
  return (
    <div className="space-y-6">
      {group('Active', active, 'No active alerts.')}
      {resolved.length > 0 ? group('Resolved', resolved, '') : null}
    </div>
  );
}
