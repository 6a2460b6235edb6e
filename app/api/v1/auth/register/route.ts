import { presentV1Login, v1Register } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { registrationFromBody } from '@/lib/api/register';
import { registerForTokens } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

/** Registers and answers signed in, as login does (document 4 answers a token at registration). */
const handler = route(v1Register, async ({ body, ip, userAgent }) => {
  const login = await registerForTokens(registrationFromBody(body, ip), {
    surface: 'API_V1',
    ip,
    userAgent,
  });
  return {
    status: 201,
    body: v1Ok('Registration successful', { ...presentV1Login(login), email_verified: false }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
