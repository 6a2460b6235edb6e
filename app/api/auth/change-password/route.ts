import { AUTH_API_TOKEN_TTL_SECONDS, authApiChangePassword } from '@/lib/api/auth-api/endpoints';
import { changePassword } from '@/lib/auth/change-password';
import { loginForAccessToken } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

/** Document 3: a new token for a new session; every session before it ends, this one too. */
const handler = route(authApiChangePassword, async ({ body, session, ip, userAgent }) => {
  await changePassword({
    userId: session.user.id,
    currentSessionId: null,
    currentPassword: body.currentPassword,
    newPassword: body.newPassword,
  });
  const login = await loginForAccessToken({
    email: session.user.email,
    password: body.newPassword,
    surface: 'AUTH_API',
    ttlSeconds: AUTH_API_TOKEN_TTL_SECONDS,
    ip,
    userAgent,
  });
  return { body: { message: 'Password changed successfully', token: login.accessToken } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
