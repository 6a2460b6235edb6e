import type { EquipmentItem } from '@/lib/contracts/read';
import { EquipmentStatusBadge } from '@/components/contracts/status-badges';
import { enumLabel } from '@/components/ui/badge';
import { DateText } from '@/components/ui/date';

export function EquipmentList({ equipment }: { equipment: EquipmentItem[] }) {
  if (equipment.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No equipment is installed under this contract yet.
      </p>
    );
  }
  return (
    <ul className="-my-3 divide-y divide-slate-200 dark:divide-slate-800" aria-label="Equipment">
      {equipment.map((e) => (
        <li key={e.id} className="flex items-start justify-between gap-3 py-3">
          <div className="min-w-0">
            <p className="text-sm font-medium break-words">
              {enumLabel(e.kind)} · {e.location}
            </p>
            <p className="text-xs break-words text-slate-500 dark:text-slate-400">
              {e.model} · serial {e.serial} · installed <DateText date={e.installedAt} />
            </p>
          </div>
          <EquipmentStatusBadge status={e.status} />
        </li>
      ))}
    </ul>
  );
}
