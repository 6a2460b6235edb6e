import { clientLogout } from '@/lib/api/client/endpoints';
import { revokeSession } from '@/lib/auth/sessions';
import { methods, route } from '@/lib/http/handler';

/** Document 1: "200 OK, no content". The session ends on every surface at once. */
const handler = route(clientLogout, async ({ session }) => {
  await revokeSession(session.id, 'logged_out');
  return {};
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
