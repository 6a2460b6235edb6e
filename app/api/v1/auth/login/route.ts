import { presentV1Login, v1Login } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { loginForTokens } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Login, async ({ body, ip, userAgent }) => {
  const login = await loginForTokens({ ...body, surface: 'API_V1', ip, userAgent });
  return {
    body: v1Ok('Login successful', presentV1Login(login)),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
