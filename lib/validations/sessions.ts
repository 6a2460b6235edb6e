import { z } from 'zod';

export const revokeSessionSchema = z.object({
  handle: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Unknown session'),
});

export const emptySchema = z.object({});
