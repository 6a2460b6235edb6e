import { v1ChangePassword } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1ChangePassword, async ({ body, session }) => {
  await changeOwnPassword(session, {
    currentPassword: body.current_password,
    newPassword: body.new_password,
  });
  return { body: v1Ok('Password changed successfully') };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
