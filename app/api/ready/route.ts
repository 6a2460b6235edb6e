import { readyEndpoint } from '@/lib/api/system';
import { databaseReachable } from '@/lib/db/health';
import { methods, route } from '@/lib/http/handler';
import { rateLimitStoreStatus } from '@/lib/rate-limit';

const handler = route(readyEndpoint, async () => {
  const rateLimitStore = rateLimitStoreStatus();
  if (!(await databaseReachable())) {
    return {
      status: 503,
      body: { status: 'unavailable', database: 'unreachable', rateLimitStore },
    };
  }
  const status = rateLimitStore === 'memory-fallback' ? 'degraded' : 'ok';
  return { body: { status, database: 'ok', rateLimitStore } };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
