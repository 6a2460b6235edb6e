import 'server-only';
import type { z } from 'zod';
import { registerAccount } from '@/lib/accounts/lifecycle';
import { normaliseEmail } from '@/lib/accounts/email';
import type { registerSchema } from '@/lib/validations/auth';
import type { authApiRegisterSchema } from './auth-api/endpoints';

/** Registers from the body /api/v1 and document 4 share (`first_name`, `last_name`, `phone`). */
export function registerFromBody(body: z.output<typeof registerSchema>, ip: string) {
  const { first_name: firstName, last_name: lastName, ...rest } = body;
  return registerAccount({ ...rest, firstName, lastName, ip });
}

/**
 * Registers from document 3's body, which asks for no name: the address's local part stands in
 * for the first name until the profile has one. Answers the account's id and stored address.
 */
export async function registerFromAuthApiBody(
  body: z.output<typeof authApiRegisterSchema>,
  ip: string,
): Promise<{ userId: number; email: string }> {
  const email = normaliseEmail(body.email);
  const { userId } = await registerAccount({
    email,
    password: body.password,
    firstName: body.firstName ?? email.split('@')[0] ?? email,
    lastName: body.lastName ?? '',
    ip,
  });
  return { userId, email };
}
