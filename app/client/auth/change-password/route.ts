import { clientChangePassword } from '@/lib/api/client/endpoints';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientChangePassword, async ({ body, session }) => {
  await changeOwnPassword(session, {
    currentPassword: body.old_password,
    newPassword: body.new_password,
  });
  return { status: 204 };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
