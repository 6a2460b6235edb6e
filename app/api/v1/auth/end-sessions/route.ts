import { v1EndSessions } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { endAllSessions } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1EndSessions, async ({ body }) => {
  const { endedSessions } = await endAllSessions({ token: body.token });
  return { body: v1Ok('Every session ended', { ended_sessions: endedSessions }) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
