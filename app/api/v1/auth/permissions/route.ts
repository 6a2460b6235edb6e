import { v1AuthPermissions } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { permissionsOf } from '@/lib/auth/permissions';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1AuthPermissions, async ({ session }) => ({
  body: v1Ok('Permissions', { permissions: permissionsOf(session.user) }),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
