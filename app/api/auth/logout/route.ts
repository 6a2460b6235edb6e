import { authApiLogout } from '@/lib/api/auth-api/endpoints';
import { revokeSession } from '@/lib/auth/sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(authApiLogout, async ({ session }) => {
  await revokeSession(session.id, 'logged_out');
  return { body: { message: 'Logged out successfully' } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
