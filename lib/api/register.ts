import 'server-only';
import type { z } from 'zod';
import { registerAccount, type RegisterInput } from '@/lib/accounts/lifecycle';
import { normaliseEmail } from '@/lib/accounts/email';
import type { authApiRegisterSchema, registerSchema } from '@/lib/validations/auth';

/** The registration in the body /api/v1 and document 4 share (`first_name`, `last_name`, `phone`). */
export function registrationFromBody(
  body: z.output<typeof registerSchema>,
  ip: string,
): RegisterInput {
  const { first_name: firstName, last_name: lastName, ...rest } = body;
  return { ...rest, firstName, lastName, ip };
}

/**
 * Registers from document 3's body, which asks for no name: the address's local part stands in
 * for the first name until the profile has one. Answers the account's id and stored address.
 */
export function registerFromAuthApiBody(
  body: z.output<typeof authApiRegisterSchema>,
  ip: string,
): Promise<{ userId: number; email: string }> {
  const localPart = normaliseEmail(body.email).split('@')[0] ?? body.email;
  return registerAccount({
    email: body.email,
    password: body.password,
    firstName: body.firstName ?? localPart,
    lastName: body.lastName ?? '',
    ip,
  });
}
