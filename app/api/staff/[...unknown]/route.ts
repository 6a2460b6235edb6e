import { unknownPathHandler } from '@/lib/http/unknown-path';

/** Unknown /api/staff paths answer in the envelope rather than with an HTML page. */
const handler = unknownPathHandler('staff', '/api/staff/{unknown}');

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
