/**
 * Next 16 drops `Content-Length` from route-handler responses and streams them chunked, which
 * leaves downloads without a size (no progress bar, a weaker resume). A handler that knows its
 * exact length sets this header instead; the portal's Node server (scripts/server.ts) turns it
 * back into `Content-Length` as the headers are written, and never lets it reach the client.
 */
export const DECLARED_LENGTH_HEADER = 'x-portal-declared-length';
