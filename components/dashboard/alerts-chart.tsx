const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

function formatDay(date: string): string {
  return dayLabel.format(new Date(`${date}T00:00:00Z`));
}

/** 1, 2, 5, 10, 20, 50 ... at or above the busiest day, so the axis reads in round numbers. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Alerts raised per day as a server-rendered SVG bar chart. The bars stretch
 * to the card's width; the labels are HTML so they stay legible on a phone.
 * Screen readers get a summary and a table of the days with alerts.
 */
export function AlertsChart({ days }: { days: { date: string; count: number }[] }) {
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const busiest = days.reduce<{ date: string; count: number } | null>(
    (best, d) => (d.count > (best?.count ?? 0) ? d : best),
    null,
  );
  const top = niceMax(busiest?.count ?? 0);
  const width = 300;
  const height = 100;
  const slot = width / Math.max(1, days.length);
  const barWidth = slot * 0.7;
  const first = days[0];
  const last = days[days.length - 1];
  const summary =
    total === 0
      ? `No alerts raised in the last ${days.length} days.`
      : `${plural(total, 'alert')} raised in the last ${days.length} days; the busiest day was ${formatDay(busiest?.date ?? '')} with ${busiest?.count ?? 0}.`;

  return (
    <figure className="m-0">
      <div className="flex gap-2">
        <div
          aria-hidden="true"
          className="flex h-40 w-6 shrink-0 flex-col justify-between text-right text-xs text-slate-500 tabular-nums dark:text-slate-400"
        >
          <span className="-mt-2">{top}</span>
          <span>{top % 2 === 0 ? top / 2 : ''}</span>
          <span className="-mb-2">0</span>
        </div>
        <div className="relative min-w-0 flex-1">
          <svg
            role="img"
            aria-label={summary}
            viewBox={`0 0 ${width} ${height}`}
            preserveAspectRatio="none"
            className="block h-40 w-full"
          >
            {[0, 0.5, 1].map((f) => (
              <line
                key={f}
                x1={0}
                x2={width}
                y1={height - f * height}
                y2={height - f * height}
                vectorEffect="non-scaling-stroke"
                className={
                  f === 0
                    ? 'stroke-slate-300 dark:stroke-slate-600'
                    : 'stroke-slate-200 dark:stroke-slate-700'
                }
                strokeWidth={1}
                strokeDasharray={f === 0 ? undefined : '4 4'}
              />
            ))}
            {days.map((d, i) =>
              d.count > 0 ? (
                <rect
                  key={d.date}
                  x={i * slot + (slot - barWidth) / 2}
                  y={height - (d.count / top) * height}
                  width={barWidth}
                  height={(d.count / top) * height}
                  className="fill-brand-500 dark:fill-brand-500"
                >
                  <title>{`${formatDay(d.date)}: ${plural(d.count, 'alert')}`}</title>
                </rect>
              ) : null,
            )}
          </svg>
          {total === 0 ? (
            <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-500 dark:text-slate-400">
              No alerts in the last {days.length} days
            </p>
          ) : null}
        </div>
      </div>
      <div
        aria-hidden="true"
        className="mt-1 ml-8 flex justify-between text-xs text-slate-500 dark:text-slate-400"
      >
        <span>{first ? formatDay(first.date) : ''}</span>
        <span>{last ? 'Today' : ''}</span>
      </div>
      {total > 0 ? (
        // A table ignores width: 1px, so the wrapper is what stays out of sight.
        <div className="sr-only">
          <table>
            <caption>Alerts raised per day (days without alerts left out)</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Alerts</th>
              </tr>
            </thead>
            <tbody>
              {days
                .filter((d) => d.count > 0)
                .map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{formatDay(d.date)}</th>
                    <td>{d.count}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
