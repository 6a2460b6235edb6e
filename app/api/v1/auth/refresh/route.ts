import { v1Refresh } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { refreshBySession, rotateRefreshToken } from '@/lib/auth/tokens';
import { unauthorized } from '@/lib/errors';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Refresh, async ({ body, session, via }) => {
  let pair;
  if (body?.refresh_token) pair = await rotateRefreshToken(body.refresh_token, 'API_V1');
  else if (session && via === 'bearer') pair = await refreshBySession(session);
  else throw unauthorized('REFRESH_TOKEN_INVALID', 'Send a refresh_token or a bearer token');
  return {
    body: v1Ok('Token refreshed successfully', {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: pair.expiresIn,
    }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
