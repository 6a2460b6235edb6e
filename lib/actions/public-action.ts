import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { clientIpFromHeaders, ipRateLimitKey } from '@/lib/http/client-ip';
import { consume } from '@/lib/rate-limit';
import {
  echoableValues,
  runAction,
  type ActionResult,
  type FormAction,
  type FormOptions,
} from './validated-action';

/** What a public action knows of its caller: only the address scripts/server.ts vouched for. */
export interface PublicCaller {
  ip: string;
}

/**
 * validatedAction's sibling for forms of pages anyone may open (register, forgot and reset the
 * password, confirm an address, end all sessions): no session; a limit per client address (30
 * posts in 10 minutes) before anything else, beside the domain's own per-address and per-e-mail
 * limits; the same zod parsing, errors and echoed values.
 */
export function publicAction<S extends z.ZodType, T = never>(
  schema: S,
  action: (data: z.output<S>, caller: PublicCaller) => Promise<ActionResult<T> | void>,
  options: FormOptions = {},
): FormAction<T> {
  return async (_previous, formData) => {
    const caller = { ip: clientIpFromHeaders(await headers()) };
    const values = echoableValues(formData);
    const allowed = await consume('public-form-ip', ipRateLimitKey(caller.ip));
    if (!allowed.allowed) {
      const minutes = Math.max(1, Math.ceil(allowed.resetSeconds / 60));
      return {
        error: `Too many attempts from your network; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        values,
      };
    }
    return runAction(schema, formData, values, (data) => action(data, caller), options);
  };
}
