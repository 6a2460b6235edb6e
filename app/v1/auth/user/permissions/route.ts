import { giggatekPermissions } from '@/lib/api/giggatek/endpoints';
import { permissionsOf } from '@/lib/auth/permissions';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekPermissions, async ({ session }) => ({
  body: { permissions: permissionsOf(session.user) },
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
