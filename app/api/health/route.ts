import { healthEndpoint } from '@/lib/api/system';
import { methods, route } from '@/lib/http/handler';

const handler = route(healthEndpoint, async () => ({ body: { status: 'ok' } }));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
