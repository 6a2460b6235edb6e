import { getEnv } from '@/lib/env';

/**
 * CORS for the third-party browser apps listed in CORS_ALLOWED_ORIGINS. They
 * authenticate with bearer tokens, so credentials are never allowed
 * cross-origin: a cookie session cannot be ridden from another site.
 */
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';
export const CORS_ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

export function isAllowedOrigin(origin: string | null): origin is string {
  return !!origin && getEnv().CORS_ALLOWED_ORIGINS.includes(origin);
}

export function corsHeaders(origin: string | null): Record<string, string> {
  if (!isAllowedOrigin(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers':
      'X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After',
    Vary: 'Origin',
  };
}

export function preflightHeaders(origin: string | null): Record<string, string> | null {
  if (!isAllowedOrigin(origin)) return null;
  return {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS,
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}
