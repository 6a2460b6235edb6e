import type { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';
import type { LimitName } from '@/lib/rate-limit';
import type { SurfaceName } from './surfaces';

/**
 * One description per endpoint, shared by its route handler (which validates
 * with these schemas) and by the OpenAPI document (which is generated from
 * them), so the two cannot drift.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type AuthRequirement = 'none' | 'required';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

export interface EndpointSpec<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  A extends AuthRequirement = AuthRequirement,
> {
  operationId: string;
  method: HttpMethod;
  /** The full path, OpenAPI style: `/api/v1/contracts/{id}`. */
  path: string;
  surface: SurfaceName;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  /** What the caller's role must allow (checked after authentication, before the body is read). */
  permission?: Permission;
  /** Reachable while the account must change its password (change-password, logout). */
  allowWhilePasswordChangeRequired?: boolean;
  body?: B;
  /** The body may be absent (e.g. refresh by bearer token alone). */
  bodyOptional?: boolean;
  /**
   * Hand the handler the body as received (size-limited, any content type), for signature checks
   * over the exact bytes (Stripe's webhook). Such an endpoint must not take cookies.
   */
  rawBody?: boolean;
  /** How large a raw body may be (default: 1 MiB, or MAX_BODY_BYTES if larger). */
  rawBodyMaxBytes?: number;
  /**
   * A `multipart/form-data` upload of one file, in the form field `file`, of at most
   * `maxFileBytes`. With the browser's session cookie it must come from the portal's own origin.
   */
  upload?: { maxFileBytes: number };
  query?: Q;
  params?: P;
  /** Which limit applies; 'api' (per user, or per address when anonymous) unless set. */
  rateLimit?: LimitName | false;
  responses: Record<number, ResponseSpec>;
  /**
   * How this endpoint's request names the fields the domain reports issues for, when it names
   * them otherwise (`{ currentPassword: 'current_password' }`).
   */
  fieldNames?: Readonly<Record<string, string>>;
  /**
   * What the path's `{id}` names, when it is one of the caller's own objects. Published as
   * `x-owned-resource` so tests can generate the ownership matrix from the OpenAPI document.
   */
  ownedResource?: 'contract' | 'alert' | 'purchase' | 'payment_method' | 'ticket';
  /**
   * The path's `{id}` names something every customer may see (a software release), published as
   * `x-public-resource` so the ownership matrix knows it is not owned.
   */
  publicResource?: 'release';
  /**
   * The path's `{id}` names something only staff may reach, whoever owns it (a ticket in the
   * agents' API), published as `x-staff-resource` for the ownership matrix's staff section.
   */
  staffResource?: 'ticket';
  /**
   * The path's `{id}` is reached through a link signed for one viewer (an attachment), not a
   * session: published as `x-signed-resource`; the link's own checks decide who gets it.
   */
  signedResource?: 'attachment';
}

export function defineEndpoint<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  A extends AuthRequirement = AuthRequirement,
>(spec: EndpointSpec<B, Q, P, A>): EndpointSpec<B, Q, P, A> {
  return spec;
}
