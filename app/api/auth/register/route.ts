import { authApiRegister } from '@/lib/api/auth-api/endpoints';
import { registerFromAuthApiBody } from '@/lib/api/register';
import { methods, route } from '@/lib/http/handler';

const handler = route(authApiRegister, async ({ body, ip }) => {
  const { userId, email } = await registerFromAuthApiBody(body, ip);
  return {
    body: {
      message:
        'Registration successful. We sent a confirmation link to your e-mail address; follow it within 24 hours to verify it.',
      user: { id: String(userId), email },
    },
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
