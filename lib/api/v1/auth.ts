import { z } from 'zod';
import { defineEndpoint } from '@/lib/http/endpoint';
import { changePasswordSchema, loginSchema, refreshSchema } from '@/lib/validations/auth';
import type { SignedInUser } from '@/lib/auth/sign-in';
import { isoSeconds } from '@/lib/format';
import { v1Errors, v1Success } from './envelope';

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

export const v1Login = defineEndpoint({
  operationId: 'v1Login',
  method: 'POST',
  path: '/api/v1/auth/login',
  surface: 'v1',
  tags: ['Auth (v1)'],
  summary: 'Sign in with e-mail and password',
  description:
    'Returns a 15-minute HS256 access token and an opaque, rotating 7-day refresh token. Limited per account and per client address (429 with Retry-After).',
  auth: 'none',
  body: loginSchema,
  responses: {
    200: {
      description: 'Login successful',
      schema: v1Success(z.object({ user: v1UserSchema, ...tokenFields })),
    },
    400: e400,
    401: e401,
  },
});

export const v1Refresh = defineEndpoint({
  operationId: 'v1Refresh',
  method: 'POST',
  path: '/api/v1/auth/refresh',
  surface: 'v1',
  tags: ['Auth (v1)'],
  summary: 'Rotate the refresh token',
  description:
    'Send `refresh_token` in the body (document 5), or no body and a valid bearer access token (document 2). Every use rotates the refresh token; presenting a used one revokes the whole session. The 7-day limit counts from sign-in.',
  auth: 'none',
  allowWhilePasswordChangeRequired: true,
  body: refreshSchema,
  bodyOptional: true,
  responses: {
    200: { description: 'Token refreshed successfully', schema: v1Success(z.object(tokenFields)) },
    400: e400,
    401: e401,
  },
});

export const v1Logout = defineEndpoint({
  operationId: 'v1Logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  surface: 'v1',
  tags: ['Auth (v1)'],
  summary: 'End the session',
  description:
    'Send `refresh_token` in the body, or a bearer access token alone. The session ends everywhere at once: its access tokens stop working on the next request.',
  auth: 'none',
  allowWhilePasswordChangeRequired: true,
  body: refreshSchema,
  bodyOptional: true,
  responses: {
    200: {
      description: 'Logged out successfully',
      schema: z.object({ success: z.literal(true), message: z.string() }),
    },
    400: e400,
    401: e401,
  },
});

export const v1ChangePassword = defineEndpoint({
  operationId: 'v1ChangePassword',
  method: 'POST',
  path: '/api/v1/auth/change-password',
  surface: 'v1',
  tags: ['Auth (v1)'],
  summary: 'Change the password',
  description:
    'Requires the current password. New passwords are 12-128 characters and not a common password. Clears `PASSWORD_CHANGE_REQUIRED` and ends every other session.',
  auth: 'required',
  allowWhilePasswordChangeRequired: true,
  body: changePasswordSchema,
  fieldNames: { currentPassword: 'current_password', newPassword: 'new_password' },
  responses: {
    200: {
      description: 'Password changed',
      schema: z.object({ success: z.literal(true), message: z.string() }),
    },
    400: e400,
  },
});

export const v1Profile = defineEndpoint({
  operationId: 'v1ProtectedProfile',
  method: 'GET',
  path: '/api/v1/protected/profile',
  surface: 'v1',
  tags: ['Auth (v1)'],
  summary: 'Check a token (document 5)',
  auth: 'required',
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
