import type { z } from 'zod';
import type { AuthRequirement, EndpointSpec } from './endpoint';
import type { SurfaceName } from './surfaces';

type Schema = z.ZodType | undefined;

/** What a spec in an `endpointGroup` still says: all but its group's surface and tags. */
type GroupSpec<B extends Schema, Q extends Schema, P extends Schema> = Omit<
  EndpointSpec<B, Q, P>,
  'surface' | 'tags' | 'auth'
>;

/**
 * `defineEndpoint` for the specs of one surface and tag list, which they then leave out. They act
 * as the signed-in caller (`auth: 'required'`) unless they say `auth: 'none'`.
 */
export function endpointGroup(surface: SurfaceName, tags: string[]) {
  function define<
    B extends Schema = undefined,
    Q extends Schema = undefined,
    P extends Schema = undefined,
  >(spec: GroupSpec<B, Q, P> & { auth?: 'required' }): EndpointSpec<B, Q, P, 'required'>;
  function define<
    B extends Schema = undefined,
    Q extends Schema = undefined,
    P extends Schema = undefined,
  >(spec: GroupSpec<B, Q, P> & { auth: 'none' }): EndpointSpec<B, Q, P, 'none'>;
  function define(
    spec: GroupSpec<Schema, Schema, Schema> & { auth?: AuthRequirement },
  ): EndpointSpec {
    return { ...spec, surface, tags, auth: spec.auth ?? 'required' };
  }
  return define;
}
