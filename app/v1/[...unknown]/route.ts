import { unknownPathHandler } from '@/lib/http/unknown-path';

/** Every unknown /v1 path answers JSON in document 4's shape, never an HTML page. */
const handler = unknownPathHandler('giggatek', '/v1/{unknown}');

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
