import { giggatekConfirmReset } from '@/lib/api/giggatek/endpoints';
import { resetPassword } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekConfirmReset, async ({ body }) => {
  await resetPassword({ token: body.token, password: body.password });
  return { body: { message: 'Password reset successful' } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
