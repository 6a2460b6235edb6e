import { AUTH_API_TOKEN_TTL_SECONDS, authApiLogin } from '@/lib/api/auth-api/endpoints';
import { presentAuthApiUser } from '@/lib/api/auth-api/present';
import { loginForAccessToken } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(authApiLogin, async ({ body, ip, userAgent }) => {
  const login = await loginForAccessToken({
    ...body,
    surface: 'AUTH_API',
    ttlSeconds: AUTH_API_TOKEN_TTL_SECONDS,
    ip,
    userAgent,
  });
  return { body: { token: login.accessToken, user: presentAuthApiUser(login.user) } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
