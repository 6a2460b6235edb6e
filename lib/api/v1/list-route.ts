import 'server-only';
import type { z } from 'zod';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { methods, route, type HandlerContext } from '@/lib/http/handler';
import type { OwnerPage, Page } from '@/lib/pagination';
import { presentPage, v1Ok } from './envelope';

/**
 * A paginated /api/v1 list's route file: GET reads the caller's page (`read`, given the caller and
 * the page asked for), and answers it in the envelope with `message`, each item presented by
 * `present`; other methods are a 405.
 */
export function v1ListRoute<
  Query extends { page: number; page_size: number },
  P extends z.ZodType | undefined,
  T,
  U,
>(
  spec: EndpointSpec<undefined, z.ZodType<Query>, P, 'required'>,
  message: string,
  read: (
    caller: OwnerPage,
    ctx: HandlerContext<undefined, z.ZodType<Query>, P, 'required'>,
  ) => Promise<Page<T>>,
  present: (item: T) => U,
) {
  const handler = route(spec, async (ctx) => {
    const caller: OwnerPage = {
      userId: ctx.session.user.id,
      page: ctx.query.page,
      pageSize: ctx.query.page_size,
    };
    return { body: v1Ok(message, presentPage(await read(caller, ctx), present)) };
  });
  return methods({ GET: handler });
}
