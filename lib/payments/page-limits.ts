import 'server-only';
import { consume, type LimitName } from '@/lib/rate-limit';

/**
 * Pages that call Stripe spend the same per-user limits as the API and the server actions (keyed
 * `user:<id>`, as the route wrapper and validatedAction key them), so reloading a page cannot
 * make Stripe calls the API would refuse. A page shows `message` instead of calling Stripe.
 */
export interface PageLimited {
  state: 'limited';
  retryAfterSeconds: number;
  message: string;
}

export function tooManyRequestsMessage(seconds: number): string {
  return `Too many requests; try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/**
 * Spends one point of each limit in order, before any Stripe call (counting first, so parallel
 * loads cannot all pass); null when every limit allowed it. A refused limit stops the rest from
 * being spent.
 */
export async function spendPageLimits(
  userId: number,
  limits: readonly LimitName[],
): Promise<PageLimited | null> {
  for (const name of limits) {
    const state = await consume(name, `user:${userId}`);
    if (!state.allowed) {
      return {
        state: 'limited',
        retryAfterSeconds: state.resetSeconds,
        message: tooManyRequestsMessage(state.resetSeconds),
      };
    }
  }
  return null;
}
