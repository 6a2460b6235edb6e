import { authApiMe } from '@/lib/api/auth-api/endpoints';
import { presentAuthApiUser } from '@/lib/api/auth-api/present';
import { methods, route } from '@/lib/http/handler';

const handler = route(authApiMe, async ({ session }) => ({
  body: { user: presentAuthApiUser(session.user) },
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
