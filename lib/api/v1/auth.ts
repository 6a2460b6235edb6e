import { z } from 'zod';
import { endpointGroup } from '@/lib/http/endpoint-group';
import { changePasswordSchema, loginSchema, refreshSchema } from '@/lib/validations/auth';
import type { SignedInUser } from '@/lib/auth/sign-in';
import { isoSeconds } from '@/lib/format';
import { v1Answer, v1Errors, v1MessageAnswer } from './envelope';

const tokenFields = {
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().int().meta({ description: 'Access-token lifetime in seconds (900)' }),
};

const v1UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    is_active: z.boolean(),
    last_login: z
      .string()
      .nullable()
      .meta({ description: 'ISO 8601 UTC, e.g. 2024-01-01T12:00:00Z' }),
  })
  .meta({ id: 'V1User' });

export function presentV1User(user: SignedInUser) {
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    is_active: user.active,
    last_login: isoSeconds(user.lastLoginAt),
  };
}

const { 400: e400, 401: e401 } = v1Errors;
const define = endpointGroup('v1', ['Auth (v1)']);
/** How the sign-in and session endpoints answer bad input and bad credentials. */
const credentialErrors = { 400: e400, 401: e401 };
/**
 * Refresh and logout: no session needed, since a refresh token in the body (or a bearer access
 * token alone) names the session, and they work while a password change is due.
 */
const bySessionCredentials = {
  auth: 'none',
  allowWhilePasswordChangeRequired: true,
  body: refreshSchema,
  bodyOptional: true,
} as const;

export const v1Login = define({
  operationId: 'v1Login',
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Sign in with e-mail and password',
  description:
    'Returns a 15-minute HS256 access token and an opaque, rotating 7-day refresh token. Limited per account and per client address (429 with Retry-After).',
  auth: 'none',
  body: loginSchema,
  responses: {
    200: v1Answer('Login successful', z.object({ user: v1UserSchema, ...tokenFields })),
    ...credentialErrors,
  },
});

export const v1Refresh = define({
  operationId: 'v1Refresh',
  method: 'POST',
  path: '/api/v1/auth/refresh',
  summary: 'Rotate the refresh token',
  description:
    'Send `refresh_token` in the body (document 5), or no body and a valid bearer access token (document 2). Every use rotates the refresh token; presenting a used one revokes the whole session. The 7-day limit counts from sign-in.',
  ...bySessionCredentials,
  responses: {
    200: v1Answer('Token refreshed successfully', z.object(tokenFields)),
    ...credentialErrors,
  },
});

export const v1Logout = define({
  operationId: 'v1Logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'End the session',
  description:
    'Send `refresh_token` in the body, or a bearer access token alone. The session ends everywhere at once: its access tokens stop working on the next request.',
  ...bySessionCredentials,
  responses: { 200: v1MessageAnswer('Logged out successfully'), ...credentialErrors },
});

export const v1ChangePassword = define({
  operationId: 'v1ChangePassword',
  method: 'POST',
  path: '/api/v1/auth/change-password',
  summary: 'Change the password',
  description:
    'Requires the current password. New passwords are 12-128 characters and not a common password. Clears `PASSWORD_CHANGE_REQUIRED` and ends every other session.',
  allowWhilePasswordChangeRequired: true,
  body: changePasswordSchema,
  fieldNames: { currentPassword: 'current_password', newPassword: 'new_password' },
  responses: { 200: v1MessageAnswer('Password changed'), 400: e400 },
});

export const v1Profile = define({
  operationId: 'v1ProtectedProfile',
  method: 'GET',
  path: '/api/v1/protected/profile',
  summary: 'Check a token (document 5)',
  responses: {
    200: {
      description: 'Access granted',
      schema: z.object({
        success: z.literal(true),
        message: z.string(),
        user_id: z.number().int(),
      }),
    },
  },
});

export const v1AuthEndpoints = [v1Login, v1Refresh, v1Logout, v1ChangePassword, v1Profile];
