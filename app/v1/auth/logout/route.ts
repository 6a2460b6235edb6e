import { giggatekLogout } from '@/lib/api/giggatek/endpoints';
import { revokeSession } from '@/lib/auth/sessions';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekLogout, async ({ session }) => {
  await revokeSession(session.id, 'logged_out');
  return { body: { message: 'Logout successful' } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
