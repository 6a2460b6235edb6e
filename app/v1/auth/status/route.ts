import { giggatekStatus } from '@/lib/api/giggatek/endpoints';
import { presentGiggatekUser } from '@/lib/api/giggatek/present';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekStatus, async ({ session }) => ({
  body: { authenticated: true, user: presentGiggatekUser(session.user) },
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
