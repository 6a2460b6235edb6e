import { unknownPathHandler } from '@/lib/http/unknown-path';

/** Unknown /api/v1 paths answer in the v1 envelope rather than with an HTML page. */
const handler = unknownPathHandler('v1', '/api/v1/{unknown}');

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
