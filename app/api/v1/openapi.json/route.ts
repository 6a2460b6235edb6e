import { allEndpoints } from '@/lib/api/registry';
import { openApiEndpoint } from '@/lib/api/system';
import { getEnv } from '@/lib/env';
import { methods, route } from '@/lib/http/handler';
import { buildOpenApiDocument } from '@/lib/http/openapi';

const handler = route(openApiEndpoint, async () => ({
  body: buildOpenApiDocument(allEndpoints, getEnv().appUrl),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
