import { z } from 'zod';
import { CUSTOMER_PERMISSIONS, STAFF_PERMISSIONS } from '@/lib/auth/permissions';
import { endpointGroup } from '@/lib/http/endpoint-group';
import {
  forgotPasswordSchema,
  loginSchema,
  registerSchema,
  resetPasswordSchema,
} from '@/lib/validations/auth';
import { plainAnswer, plainError } from '../plain-answers';

/**
 * Document 4 (shared/contracts/4-giggatek-auth-api.md) at /v1/auth: one-hour HS256 bearer tokens
 * of their own audience, renewed by `refresh` with the bearer for at most 7 days from sign-in;
 * errors as `{"error"}` (with `code` and `request_id` beside it). Login and reset never say
 * whether an account exists.
 */
const define = endpointGroup('giggatek', ['GigGatek auth (document 4)']);

/** Document 4's `expires_in`: one hour. */
export const GIGGATEK_TOKEN_TTL_SECONDS = 3600;

const userSchema = z
  .object({
    user_id: z.number().int(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    role: z.enum(['CUSTOMER', 'SUPPORT_AGENT', 'ADMIN']),
  })
  .meta({ id: 'GigGatekUser' });

const signedIn = {
  message: z.string(),
  user: userSchema,
  token: z.string(),
  expires_in: z.number().int().meta({ description: 'Seconds: 3600' }),
};

export const giggatekRegister = define({
  operationId: 'giggatekRegister',
  method: 'POST',
  path: '/v1/auth/register',
  summary: 'Register a new user (document 4)',
  description:
    'Document 4\'s body. 201 "User registered successfully", signed in. A confirmation link goes to the address; until it is followed, buying, downloads and tickets answer 403 `EMAIL_NOT_VERIFIED`. 409 "Email already registered".',
  auth: 'none',
  body: registerSchema,
  fieldNames: { firstName: 'first_name', lastName: 'last_name' },
  responses: {
    201: plainAnswer('Registered and signed in', signedIn),
    400: plainError('`{"error"}`: the field and what is wrong with it'),
    409: plainError('Email already registered'),
  },
});

export const giggatekLogin = define({
  operationId: 'giggatekLogin',
  method: 'POST',
  path: '/v1/auth/login',
  summary: 'Log in (document 4)',
  description:
    'A wrong e-mail or password is the same 401 "Invalid email or password", never a 404 "User not found".',
  auth: 'none',
  body: loginSchema,
  responses: {
    200: plainAnswer('Signed in', signedIn),
    400: plainError('A missing or malformed field'),
    401: plainError('Invalid email or password'),
  },
});

export const giggatekRefresh = define({
  operationId: 'giggatekRefresh',
  method: 'POST',
  path: '/v1/auth/refresh',
  summary: 'Renew the token with the bearer (document 4)',
  description:
    'A new one-hour token for the same session, which ends 7 days after sign-in whatever is renewed (`expires_in` says when the new token ends). An expired token cannot be renewed: log in again. Send no body.',
  responses: {
    200: plainAnswer('Renewed', {
      message: z.string(),
      token: z.string(),
      expires_in: z.number().int(),
    }),
  },
});

export const giggatekStatus = define({
  operationId: 'giggatekStatus',
  method: 'GET',
  path: '/v1/auth/status',
  summary: 'Authentication status (document 4)',
  description: 'A bad or expired token is a 401, here as everywhere.',
  responses: {
    200: plainAnswer('Signed in', { authenticated: z.literal(true), user: userSchema }),
  },
});

export const giggatekPermissions = define({
  operationId: 'giggatekPermissions',
  method: 'GET',
  path: '/v1/auth/user/permissions',
  summary: "The user's permissions (document 4)",
  description: `From the portal's permissions table. Customers: ${CUSTOMER_PERMISSIONS.join(', ')}; staff add some of ${STAFF_PERMISSIONS.join(', ')}.`,
  responses: {
    200: plainAnswer('Permissions', {
      permissions: z.array(z.enum([...CUSTOMER_PERMISSIONS, ...STAFF_PERMISSIONS])),
    }),
  },
});

export const giggatekLogout = define({
  operationId: 'giggatekLogout',
  method: 'POST',
  path: '/v1/auth/logout',
  summary: 'Log out (document 4)',
  description: 'The session ends everywhere at once. Send no body.',
  allowWhilePasswordChangeRequired: true,
  responses: { 200: plainAnswer('Logged out', { message: z.literal('Logout successful') }) },
});

export const giggatekRequestReset = define({
  operationId: 'giggatekRequestReset',
  method: 'POST',
  path: '/v1/auth/password/reset',
  summary: 'Request a password reset link (document 4)',
  description:
    'The same answer for every address, as POST /api/v1/auth/password/reset (and under the same limits).',
  auth: 'none',
  body: forgotPasswordSchema,
  responses: {
    200: plainAnswer('Requested', { message: z.string() }),
    400: plainError('A missing or malformed e-mail'),
  },
});

export const giggatekConfirmReset = define({
  operationId: 'giggatekConfirmReset',
  method: 'POST',
  path: '/v1/auth/password/reset/confirm',
  summary: 'Reset the password with the mailed token (document 4)',
  description:
    'As POST /api/v1/auth/password/reset/confirm: every session ends, nobody is signed in.',
  auth: 'none',
  body: resetPasswordSchema,
  responses: {
    200: plainAnswer('Reset', { message: z.literal('Password reset successful') }),
    400: plainError('`LINK_INVALID`, a weak password, or a malformed body'),
  },
});

export const giggatekEndpoints = [
  giggatekRegister,
  giggatekLogin,
  giggatekRefresh,
  giggatekStatus,
  giggatekPermissions,
  giggatekLogout,
  giggatekRequestReset,
  giggatekConfirmReset,
];
