import { z } from 'zod';
import { clientErrorSchema } from './client/errors';

/**
 * How the surfaces without an envelope (documents 1, 3 and 4) declare their answers: a bare
 * object on success, `{"error"}` (with `code` and `request_id`) on failure.
 */
export const plainAnswer = (description: string, shape: z.ZodRawShape) => ({
  description,
  schema: z.object(shape),
});

export const plainError = (description: string) => ({ description, schema: clientErrorSchema });
