import { v1RequestPasswordReset } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { requestPasswordReset } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1RequestPasswordReset, async ({ body, ip }) => {
  await requestPasswordReset({ email: body.email, ip });
  return { body: v1Ok('If an account uses that address, a reset link is on its way') };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
