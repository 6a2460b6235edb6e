import { z } from 'zod';

/** Document 5's success envelope. */
export function v1Ok<T>(message: string, data?: T): { success: true; message: string; data?: T } {
  return data === undefined ? { success: true, message } : { success: true, message, data };
}

export const v1ErrorSchema = z
  .object({
    success: z.literal(false),
    message: z.string(),
    errors: z.array(z.string()),
    code: z.string().meta({ description: 'Stable machine-readable error code' }),
    request_id: z.string(),
  })
  .meta({ id: 'V1Error' });

export function v1Success<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), message: z.string(), data });
}

export const v1Errors = {
  400: { description: 'Validation failed or malformed JSON', schema: v1ErrorSchema },
  401: { description: 'Missing, invalid or expired credentials', schema: v1ErrorSchema },
  403: {
    description: 'Forbidden, e.g. `PASSWORD_CHANGE_REQUIRED`',
    schema: v1ErrorSchema,
  },
  413: { description: 'Body too large', schema: v1ErrorSchema },
  415: { description: 'Cookie-authenticated write without JSON', schema: v1ErrorSchema },
  429: { description: 'Rate limited; see Retry-After', schema: v1ErrorSchema },
} as const;
