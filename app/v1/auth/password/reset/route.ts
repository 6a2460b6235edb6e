import { giggatekRequestReset } from '@/lib/api/giggatek/endpoints';
import { requestPasswordReset } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekRequestReset, async ({ body, ip }) => {
  await requestPasswordReset({ email: body.email, ip });
  return {
    body: { message: 'If your email is registered, you will receive a password reset link' },
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
