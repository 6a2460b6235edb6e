import { presentV1Identity, v1AuthStatus } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { isEmailVerified } from '@/lib/accounts/users';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1AuthStatus, async ({ session }) => {
  const { user } = session;
  return {
    body: v1Ok('Authenticated', {
      authenticated: true,
      user: presentV1Identity(user),
      email_verified: await isEmailVerified(user.id),
      force_password_change: user.forcePasswordChange,
    }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
