import 'server-only';
import type { z } from 'zod';
import { registerAccount } from '@/lib/accounts/lifecycle';
import type { registerSchema } from '@/lib/validations/auth';

/** Registers from the body /api/v1 and document 4 share (`first_name`, `last_name`, `phone`). */
export function registerFromBody(body: z.output<typeof registerSchema>, ip: string) {
  const { first_name: firstName, last_name: lastName, ...rest } = body;
  return registerAccount({ ...rest, firstName, lastName, ip });
}
