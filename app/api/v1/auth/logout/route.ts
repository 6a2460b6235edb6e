import { v1Logout } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { logoutSession } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Logout, async ({ body, session, via }) => {
  await logoutSession({
    surface: 'API_V1',
    refreshToken: body?.refresh_token,
    bearerSessionId: via === 'bearer' ? session?.id : null,
  });
  return { body: v1Ok('Logged out successfully') };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
