import { v1ConfirmPasswordReset } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { resetPassword } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1ConfirmPasswordReset, async ({ body }) => {
  await resetPassword({ token: body.token, password: body.password });
  return { body: v1Ok('Password reset; sign in with the new password') };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
