import 'server-only';
import { notFound } from '@/lib/errors';
import { route, type RouteHandler } from './handler';
import type { SurfaceName } from './surfaces';

/**
 * A surface's catch-all route (`{surface}Unknown`, at `path`): an unknown path answers 404 in the
 * surface's error shape rather than with an HTML page.
 */
export function unknownPathHandler(surface: SurfaceName, path: string): RouteHandler {
  return route(
    {
      operationId: `${surface}Unknown`,
      method: 'GET',
      path,
      surface,
      tags: [],
      summary: 'Unknown path',
      auth: 'none',
      responses: {},
    },
    async () => {
      throw notFound('No such endpoint');
    },
  );
}
