import { AUTH_API_TOKEN_TTL_SECONDS, authApiChangePassword } from '@/lib/api/auth-api/endpoints';
import { changePasswordForNewToken } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(authApiChangePassword, async ({ body, session, ip, userAgent }) => {
  const login = await changePasswordForNewToken(session, {
    ...body,
    ttlSeconds: AUTH_API_TOKEN_TTL_SECONDS,
    ip,
    userAgent,
  });
  return { body: { message: 'Password changed successfully', token: login.accessToken } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
