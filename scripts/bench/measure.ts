/** Figures shared by the benchmarks: autocannon rows, medians and the printed tables. */
import type autocannon from 'autocannon';

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
}

export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export const row = (name: string, r: autocannon.Result): Row => ({
  name,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
});

/** A row's req/s, p50 and p99 (ms) as table cells. */
export const speeds = (r: Row): (string | number)[] => [r.rps.toFixed(0), r.p50, r.p99];

/** One table line: the first column left-aligned in `width`, the others right-aligned in 9. */
export function columns(width: number, first: string, ...rest: (string | number)[]): string {
  return first.padEnd(width) + rest.map((c) => String(c).padStart(9)).join('');
}
