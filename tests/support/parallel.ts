/** `count` calls of `attempt` started together, as parallel requests arrive; all must resolve. */
export function atOnce<T>(count: number, attempt: () => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, attempt));
}

/** `count` calls of `attempt` started together, each settling on its own (some are refused). */
export function settledAtOnce<T>(
  count: number,
  attempt: () => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: count }, attempt));
}
