import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { clientIpFromHeaders } from '@/lib/http/client-ip';
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
 * password, confirm an address): no session and no per-user limit (the domain functions count
 * the client and e-mail addresses themselves); the same zod parsing, errors and echoed values.
 */
export function publicAction<S extends z.ZodType, T = never>(
  schema: S,
  action: (data: z.output<S>, caller: PublicCaller) => Promise<ActionResult<T> | void>,
  options: FormOptions = {},
): FormAction<T> {
  return async (_previous, formData) => {
    const caller = { ip: clientIpFromHeaders(await headers()) };
    return runAction(
      schema,
      formData,
      echoableValues(formData),
      (data) => action(data, caller),
      options,
    );
  };
}
