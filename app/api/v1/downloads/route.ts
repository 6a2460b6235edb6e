import { presentDownload, v1ListDownloads } from '@/lib/api/v1/downloads';
import { v1Ok } from '@/lib/api/v1/envelope';
import { listDownloads } from '@/lib/downloads/releases';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1ListDownloads, async ({ session }) => ({
  body: v1Ok('Downloads', (await listDownloads(session.user.id)).map(presentDownload)),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
