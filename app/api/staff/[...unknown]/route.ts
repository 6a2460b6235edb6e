import { notFound } from '@/lib/errors';
import { defineEndpoint } from '@/lib/http/endpoint';
import { route } from '@/lib/http/handler';

/** Unknown /api/staff paths answer in the envelope rather than with an HTML page. */
const unknownStaff = defineEndpoint({
  operationId: 'staffUnknown',
  method: 'GET',
  path: '/api/staff/{unknown}',
  surface: 'staff',
  tags: [],
  summary: 'Unknown path',
  auth: 'none',
  responses: {},
});

const handler = route(unknownStaff, async () => {
  throw notFound('No such endpoint');
});

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
