import { notFound } from '@/lib/errors';
import { defineEndpoint } from '@/lib/http/endpoint';
import { route } from '@/lib/http/handler';

/** Unknown /api/v1 paths answer in the v1 envelope rather than with an HTML page. */
const unknownV1 = defineEndpoint({
  operationId: 'v1Unknown',
  method: 'GET',
  path: '/api/v1/{unknown}',
  surface: 'v1',
  tags: [],
  summary: 'Unknown path',
  auth: 'none',
  responses: {},
});

const handler = route(unknownV1, async () => {
  throw notFound('No such endpoint');
});

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
