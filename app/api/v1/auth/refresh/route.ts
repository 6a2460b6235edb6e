import { v1Refresh } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { refreshTokens } from '@/lib/auth/tokens';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Refresh, async ({ body, session, via }) => {
  const pair = await refreshTokens({
    surface: 'API_V1',
    refreshToken: body?.refresh_token,
    bearerSession: via === 'bearer' ? session : null,
  });
  return {
    body: v1Ok('Token refreshed successfully', {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: pair.expiresIn,
    }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
