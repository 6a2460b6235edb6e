import { authApiRegister } from '@/lib/api/auth-api/endpoints';
import { registerAccount } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(authApiRegister, async ({ body, ip }) => {
  const { userId } = await registerAccount({
    email: body.email,
    password: body.password,
    // Document 3 asks for no name: the address's local part stands in until the profile has one.
    firstName: body.firstName ?? body.email.split('@')[0] ?? body.email,
    lastName: body.lastName ?? '',
    ip,
  });
  return {
    body: {
      message:
        'Registration successful. We sent a confirmation link to your e-mail address; follow it within 24 hours to verify it.',
      user: { id: String(userId), email: body.email.trim().toLowerCase() },
    },
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
