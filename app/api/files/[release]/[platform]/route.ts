import contentDisposition from 'content-disposition';
import { downloadFileEndpoint } from '@/lib/api/files';
import { notFound } from '@/lib/errors';
import { parseRange } from '@/lib/downloads/range';
import { authorizeDownload } from '@/lib/downloads/releases';
import { releaseStorage } from '@/lib/downloads/storage';
import { DECLARED_LENGTH_HEADER } from '@/lib/http/declared-length';
import { methods, route } from '@/lib/http/handler';

/** Streams a release file to a holder of a valid signed link; HEAD and single ranges supported. */
const handler = route(downloadFileEndpoint, async ({ req, params, query }) => {
  const file = await authorizeDownload({
    releaseId: params.release,
    platform: params.platform,
    customer: query.customer ?? null,
    expires: query.expires ?? null,
    signature: query.signature ?? null,
  });
  const storage = releaseStorage();
  const size = await storage.size(file.storageKey);
  if (size === null) throw notFound('The file for this release is missing');
  const headers = new Headers({
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': contentDisposition(file.filename),
    'Accept-Ranges': 'bytes',
    'X-Checksum-SHA256': file.sha256,
    'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
    ETag: `"${file.sha256}"`,
    'Cache-Control': 'private, no-store',
  });
  const ifRange = req.headers.get('if-range');
  const range =
    ifRange && ifRange !== `"${file.sha256}"` ? null : parseRange(req.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    headers.delete('Content-Type');
    return new Response(null, { status: 416, headers });
  }
  const head = req.method === 'HEAD';
  if (range) {
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    headers.set(DECLARED_LENGTH_HEADER, String(range.end - range.start + 1));
    return new Response(head ? null : storage.open(file.storageKey, range), {
      status: 206,
      headers,
    });
  }
  headers.set(DECLARED_LENGTH_HEADER, String(size));
  return new Response(head ? null : storage.open(file.storageKey), { status: 200, headers });
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
export const HEAD = handler;
