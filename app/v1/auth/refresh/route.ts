import { GIGGATEK_TOKEN_TTL_SECONDS, giggatekRefresh } from '@/lib/api/giggatek/endpoints';
import { renewAccessToken } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekRefresh, async ({ session }) => {
  const { token, expiresIn } = await renewAccessToken(session, GIGGATEK_TOKEN_TTL_SECONDS);
  return { body: { message: 'Token refreshed successfully', token, expires_in: expiresIn } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
