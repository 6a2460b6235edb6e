import { z } from 'zod';

/** Document 1's error shape, `{"error"}`, with the stable `code` and the `request_id` beside it. */
export const clientErrorSchema = z
  .object({
    error: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable error code' }),
    request_id: z.string(),
  })
  .meta({ id: 'ClientError' });
