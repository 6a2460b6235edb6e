import { getProfile } from '@/lib/accounts/profile';
import { clientProfile } from '@/lib/api/client/endpoints';
import { presentProfile } from '@/lib/api/client/present';
import { methods, route } from '@/lib/http/handler';

const handler = route(clientProfile, async ({ session }) => ({
  body: presentProfile(await getProfile(session.user.id)),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
