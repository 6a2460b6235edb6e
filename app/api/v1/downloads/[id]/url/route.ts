import { presentDownloadLink, v1DownloadUrl } from '@/lib/api/v1/downloads';
import { v1Ok } from '@/lib/api/v1/envelope';
import { mintDownloadUrl } from '@/lib/downloads/releases';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1DownloadUrl, async ({ session, params, query }) => ({
  body: v1Ok(
    'Download link',
    presentDownloadLink(await mintDownloadUrl(session.user.id, params.id, query.platform)),
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
