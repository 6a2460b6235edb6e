import { clientLogin } from '@/lib/api/client/endpoints';
import { presentLogin } from '@/lib/api/client/present';
import { loginForAccessToken } from '@/lib/auth/token-sessions';
import { getEnv } from '@/lib/env';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientLogin, async ({ body, ip, userAgent }) => {
  const login = await loginForAccessToken({
    ...body,
    surface: 'CLIENT',
    ttlSeconds: getEnv().CLIENT_TOKEN_TTL_SECONDS,
    ip,
    userAgent,
  });
  return { body: presentLogin(login) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
