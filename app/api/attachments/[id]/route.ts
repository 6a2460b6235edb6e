import contentDisposition from 'content-disposition';
import { attachmentFileEndpoint } from '@/lib/api/files';
import { attachmentStorage } from '@/lib/downloads/storage';
import { notFound } from '@/lib/errors';
import { DECLARED_LENGTH_HEADER } from '@/lib/http/declared-length';
import { methods, route } from '@/lib/http/handler';
import { openAttachment } from '@/lib/support/attachments';

/**
 * Streams a ticket attachment to the viewer a link was signed for. Only raster images are shown
 * inline; nothing is ever sniffed into HTML (nosniff), and the API's sandboxing CSP (next.config.js)
 * keeps a file that a browser opens anyway from running anything.
 */
const handler = route(attachmentFileEndpoint, async ({ params, query }) => {
  const file = await openAttachment({
    id: params.id,
    viewer: query.viewer ?? null,
    expires: query.expires ?? null,
    signature: query.signature ?? null,
  });
  const storage = attachmentStorage();
  const size = await storage.size(file.storageKey);
  if (size === null) throw notFound('The file of this attachment is missing');
  const expires = Number(query.expires);
  const maxAge = Math.max(0, expires - Math.floor(Date.now() / 1000));
  const headers = new Headers({
    'Content-Type':
      file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType,
    'Content-Disposition': contentDisposition(file.fileName, {
      type: file.inline ? 'inline' : 'attachment',
    }),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': `private, max-age=${maxAge}`,
    ETag: `"${file.sha256}"`,
    [DECLARED_LENGTH_HEADER]: String(size),
  });
  return new Response(storage.open(file.storageKey), { status: 200, headers });
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
