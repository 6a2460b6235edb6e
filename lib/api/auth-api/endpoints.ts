import { z } from 'zod';
import { endpointGroup } from '@/lib/http/endpoint-group';
import {
  authApiChangePasswordSchema,
  authApiRegisterSchema,
  loginSchema,
} from '@/lib/validations/auth';
import { plainAnswer, plainError } from '../plain-answers';

/**
 * Document 3 (shared/contracts/3-auth-api-spec.md) at /api/auth, beside NextAuth's own routes
 * there: one-hour HS256 bearer tokens of its own audience, errors as `{"error"}` (with the stable
 * `code` and the `request_id` beside it). Login and register failures are 400, the only error
 * the document shows for them; a missing, invalid or expired token is 401 `{"error": "Unauthorized"}`.
 */
const define = endpointGroup('auth', ['Auth API (document 3)']);

/** Document 3's token lifetime: one hour. */
export const AUTH_API_TOKEN_TTL_SECONDS = 3600;

const e400 = plainError('`{"error"}`: what was wrong');

const userSchema = z
  .object({
    id: z.string().meta({ example: '42' }),
    email: z.string(),
    role: z.enum(['customer', 'support_agent', 'admin']),
  })
  .meta({ id: 'AuthApiUser' });

export const authApiLogin = define({
  operationId: 'authApiLogin',
  method: 'POST',
  path: '/api/auth/login',
  summary: 'Sign in (document 3)',
  description:
    'Returns a one-hour HS256 token for `Authorization: Bearer`, valid on /api/auth only. A wrong e-mail or password is a 400 `{"error": "Invalid email or password"}`; limited per account and per client address (429).',
  auth: 'none',
  body: loginSchema,
  responses: {
    200: plainAnswer('Signed in', { token: z.string(), user: userSchema }),
    400: e400,
  },
});

export const authApiRegister = define({
  operationId: 'authApiRegister',
  method: 'POST',
  path: '/api/auth/register',
  summary: 'Create an account (document 3)',
  description:
    'Document 3\'s `{"email", "password"}`, optionally `firstName` and `lastName`. 200 with a message about the confirmation e-mail; an address already registered is a 400 `{"error": "Email already registered"}`. The password policy, the limits and the verification rules are those of POST /api/v1/auth/register.',
  auth: 'none',
  body: authApiRegisterSchema,
  responses: {
    200: plainAnswer('Registered; a confirmation link is on its way', {
      message: z.string(),
      user: z.object({ id: z.string(), email: z.string() }),
    }),
    400: e400,
  },
});

export const authApiMe = define({
  operationId: 'authApiMe',
  method: 'GET',
  path: '/api/auth/me',
  summary: 'Who the token belongs to (document 3)',
  responses: { 200: plainAnswer('The user', { user: userSchema }) },
});

export const authApiChangePassword = define({
  operationId: 'authApiChangePassword',
  method: 'POST',
  path: '/api/auth/change-password',
  summary: 'Change the password (document 3)',
  description:
    'Needs `currentPassword`. Answers a new token for a new session; every other session, this one included, ends.',
  allowWhilePasswordChangeRequired: true,
  body: authApiChangePasswordSchema,
  responses: {
    200: plainAnswer('Changed', { message: z.string(), token: z.string() }),
    400: e400,
    409: plainError(
      '`PASSWORD_NOT_SET`: the account signs in through an OpenID provider and has no password yet; set one with a password reset',
    ),
  },
});

export const authApiLogout = define({
  operationId: 'authApiLogout',
  method: 'POST',
  path: '/api/auth/logout',
  summary: 'End the session (document 3)',
  description: 'The session ends everywhere at once. Send no body.',
  allowWhilePasswordChangeRequired: true,
  responses: {
    200: plainAnswer('Logged out', { message: z.literal('Logged out successfully') }),
  },
});

export const authApiEndpoints = [
  authApiLogin,
  authApiRegister,
  authApiMe,
  authApiChangePassword,
  authApiLogout,
];
