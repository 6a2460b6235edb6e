import type { EquipmentStatus } from '@/lib/contracts/read';
import { enumLabel } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

const ORDER: EquipmentStatus[] = ['ONLINE', 'OFFLINE', 'FAULTY'];

/** Each status's colour: its part of the bar, and its dot in the legend. */
const colours: Record<EquipmentStatus, { fill: string; dot: string }> = {
  ONLINE: { fill: 'fill-emerald-500', dot: 'bg-emerald-500' },
  OFFLINE: { fill: 'fill-slate-400 dark:fill-slate-500', dot: 'bg-slate-400 dark:bg-slate-500' },
  FAULTY: { fill: 'fill-red-500', dot: 'bg-red-500' },
};

/** Equipment by status: one stacked bar (SVG, so no inline styles) and a legend with the counts. */
export function EquipmentStatusChart({ counts }: { counts: Record<EquipmentStatus, number> }) {
  const total = ORDER.reduce((sum, s) => sum + counts[s], 0);
  const summary = `Equipment by status: ${ORDER.map((s) => `${counts[s]} ${s.toLowerCase()}`).join(', ')}`;
  let offset = 0;
  return (
    <div>
      <div className="overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800">
        <svg
          role="img"
          aria-label={summary}
          viewBox="0 0 100 10"
          preserveAspectRatio="none"
          className="block h-3 w-full"
        >
          {total > 0
            ? ORDER.map((s) => {
                const w = (counts[s] / total) * 100;
                const x = offset;
                offset += w;
                return w > 0 ? (
                  <rect key={s} x={x} y={0} width={w} height={10} className={colours[s].fill} />
                ) : null;
              })
            : null}
        </svg>
      </div>
      <ul className="mt-4 space-y-2 text-sm" aria-label="Equipment by status">
        {ORDER.map((s) => (
          <li key={s} className="flex items-center justify-between gap-3">
            <span className="flex items-center gap-2">
              <span aria-hidden="true" className={cn('h-2.5 w-2.5 rounded-full', colours[s].dot)} />
              {enumLabel(s)}
            </span>
            <span className="font-medium tabular-nums">{counts[s]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
