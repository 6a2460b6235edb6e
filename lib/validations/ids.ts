import { z } from 'zod';

/** The prefixes of document 2's ids (`purchase_123`, `ticket_42`). */
export type IdPrefix = 'purchase' | 'license' | 'ticket' | 'attachment';

/** `purchase_12` → 12; anything else → null (the caller answers 400 or 404). */
export function parsePrefixedId(prefix: IdPrefix, value: string): number | null {
  const match = new RegExp(`^${prefix}_([1-9][0-9]{0,9})$`).exec(value);
  const id = match?.[1] ? Number(match[1]) : Number.NaN;
  return Number.isInteger(id) && id <= 2_147_483_647 ? id : null;
}

/** A prefixed id in a path or a body, turned into its number; any other form is a 400. */
export function prefixedIdParam(prefix: IdPrefix, example: string) {
  return z
    .string()
    .max(40)
    .regex(new RegExp(`^${prefix}_[1-9][0-9]{0,9}$`), `must be a ${prefix} id (${prefix}_<number>)`)
    .transform((value, ctx) => {
      const id = parsePrefixedId(prefix, value);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message: 'is out of range' });
        return z.NEVER;
      }
      return id;
    })
    .meta({ description: `A ${prefix} id, e.g. \`${example}\``, example });
}
