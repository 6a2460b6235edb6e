import { v1Profile } from '@/lib/api/v1/auth';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Profile, async ({ session }) => ({
  body: { success: true, message: 'Access granted to protected route', user_id: session.user.id },
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
