import { z } from 'zod';
import { endpointGroup } from '@/lib/http/endpoint-group';
import {
  changePasswordSchema,
  forgotPasswordSchema,
  loginSchema,
  mailedTokenBody,
  oidcCallbackSchema,
  refreshSchema,
  registerSchema,
  resetPasswordSchema,
  verifyEmailSchema,
} from '@/lib/validations/auth';
import { CUSTOMER_PERMISSIONS, STAFF_PERMISSIONS } from '@/lib/auth/permissions';
import type { LinkOutcome } from '@/lib/accounts/linked-accounts';
import type { SignedInUser } from '@/lib/auth/sign-in';
import type { TokenLogin } from '@/lib/auth/token-sessions';
import { isoSeconds } from '@/lib/format';
import { v1Answer, v1ErrorSchema, v1Errors, v1MessageAnswer } from './envelope';

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

/** Who an account is, as every /api/v1 answer about a user names it. */
export function presentV1Identity(
  user: Pick<SignedInUser, 'id' | 'email' | 'firstName' | 'lastName' | 'active'>,
) {
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    is_active: user.active,
  };
}

export function presentV1User(user: SignedInUser) {
  return { ...presentV1Identity(user), last_login: isoSeconds(user.lastLoginAt) };
}

/** The login envelope's data: who signed in, and the session's tokens. */
export function presentV1Login(login: TokenLogin) {
  return {
    user: presentV1User(login.user),
    access_token: login.accessToken,
    refresh_token: login.refreshToken,
    expires_in: login.expiresIn,
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
  responses: {
    200: v1MessageAnswer('Password changed'),
    400: e400,
    409: {
      description:
        '`PASSWORD_NOT_SET`: the account signs in through an OpenID provider and has no password yet; set one with a password reset',
      schema: v1ErrorSchema,
    },
  },
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

const alreadyVerified = { description: 'Already verified', schema: v1ErrorSchema };
const linkInvalid = {
  description:
    '`LINK_INVALID`: the token is unknown, used or expired (or the request is malformed)',
  schema: v1ErrorSchema,
};

export const v1Register = define({
  operationId: 'v1Register',
  method: 'POST',
  path: '/api/v1/auth/register',
  summary: 'Create a customer account',
  description:
    'E-mail, password (12-128 characters, not a common password), first and last name, optional phone. Answers 201 signed in, as login does, with `email_verified: false`: a confirmation link goes to the address (valid 24 hours, once). Until it is confirmed, buying, downloads and opening tickets answer 403 `EMAIL_NOT_VERIFIED`. An address already registered is a 409 `EMAIL_TAKEN` "Email already registered". Limited per client address (10 an hour) and per e-mail address (3 an hour), counted alike whether or not the address has an account.',
  auth: 'none',
  body: registerSchema,
  fieldNames: { firstName: 'first_name', lastName: 'last_name' },
  responses: {
    201: v1Answer(
      'Registration successful',
      z.object({ user: v1UserSchema, ...tokenFields, email_verified: z.literal(false) }),
    ),
    400: e400,
    409: { description: '`EMAIL_TAKEN`: Email already registered', schema: v1ErrorSchema },
  },
});

/** What a provider sign-in did to the portal's accounts, as `account` answers it. */
export function presentLinkOutcome(outcome: LinkOutcome): 'existing' | 'linked' | 'created' {
  if (outcome === 'signed_in') return 'existing';
  return outcome === 'created' ? 'created' : 'linked';
}

export const v1OidcCallback = define({
  operationId: 'v1OidcCallback',
  method: 'POST',
  path: '/api/v1/auth/callback',
  summary: 'Exchange an OpenID Connect (Auth0) authorization code for tokens',
  description:
    'For an app that ran the authorization-code flow with PKCE against the portal\'s OpenID provider (`OIDC_ISSUER`, Auth0 by default). Send `{"code", "redirectUri", "codeVerifier", "nonce"?}`: `redirectUri` must be one of `OIDC_REDIRECT_URIS` exactly, and the nonce is required when the authorization request carried one. The portal redeems the code with its client secret and checks the ID token (signature, issuer, audience, expiry, nonce). Answers as login does, plus `account`: `existing` (an identity already linked), `linked` (linked now to the account with the address the provider verified; a security e-mail goes out) or `created` (a new customer without a password). The provider must say `email_verified: true` to link or create: otherwise 403 `OIDC_EMAIL_UNVERIFIED`. Staff accounts are never linked (403 `OIDC_LINK_REFUSED`). Limited per client address as login is.',
  auth: 'none',
  body: oidcCallbackSchema,
  responses: {
    200: v1Answer(
      'Login successful',
      z.object({
        user: v1UserSchema,
        ...tokenFields,
        account: z.enum(['existing', 'linked', 'created']),
      }),
    ),
    400: {
      description:
        'Validation failed; `URL_NOT_ALLOWED` (redirect URI not registered); `OIDC_CODE_INVALID` (code used, expired or not issued for this redirect URI and verifier, or an ID token that fails a check)',
      schema: v1ErrorSchema,
    },
    401: { description: '`ACCOUNT_INACTIVE`: the account is deactivated', schema: v1ErrorSchema },
    403: {
      description:
        '`OIDC_EMAIL_UNVERIFIED`: the provider has not verified the address; `OIDC_LINK_REFUSED`: no usable address, or a staff account',
      schema: v1ErrorSchema,
    },
    404: {
      description: '`OIDC_NOT_CONFIGURED`: no OpenID provider is set up',
      schema: v1ErrorSchema,
    },
    502: {
      description: '`OIDC_PROVIDER_UNAVAILABLE`: the provider could not be reached',
      schema: v1ErrorSchema,
    },
  },
});

/** An operation that spends a mailed token: no session, its body, 200 or 400 `LINK_INVALID`. */
const tokenSpending = { auth: 'none', method: 'POST' } as const;

export const v1VerifyEmail = define({
  ...tokenSpending,
  operationId: 'v1VerifyEmail',
  path: '/api/v1/auth/verify-email',
  summary: 'Confirm an e-mail address with the mailed token',
  description:
    '`{"token"}` from the link `/verify-email?token=…` in the confirmation mail. The token works once, for 24 hours; only its SHA-256 is stored. A GET of the link never uses it up (mail scanners fetch links).',
  body: verifyEmailSchema,
  responses: { 200: v1MessageAnswer('Email verified'), 400: linkInvalid },
});

export const v1ResendVerification = define({
  operationId: 'v1ResendVerification',
  method: 'POST',
  path: '/api/v1/auth/verify-email/resend',
  summary: 'Mail a new confirmation link',
  description:
    'For the signed-in account, while its address is unconfirmed; earlier links stop working. 3 an hour. Send no body. 409 `CONFLICT` when the address is already confirmed.',
  responses: { 200: v1MessageAnswer('Verification email sent'), 409: alreadyVerified },
});

export const v1RequestPasswordReset = define({
  operationId: 'v1RequestPasswordReset',
  method: 'POST',
  path: '/api/v1/auth/password/reset',
  summary: 'Ask for a password-reset link',
  description:
    '`{"email"}`. The same answer, after the same work, whether or not an account uses the address: the mail (a link valid one hour, once) is sent by a background job. Limited per client address (10 an hour) and per e-mail address (3 an hour), for unknown addresses too.',
  auth: 'none',
  body: forgotPasswordSchema,
  responses: {
    200: v1MessageAnswer('If an account uses that address, a reset link is on its way'),
    400: e400,
  },
});

export const v1ConfirmPasswordReset = define({
  ...tokenSpending,
  operationId: 'v1ConfirmPasswordReset',
  path: '/api/v1/auth/password/reset/confirm',
  summary: 'Set a new password with the mailed token',
  description:
    '`{"token", "password"}`. The password policy applies. Every session and token of the account ends, nobody is signed in (sign in with the new password), and a notice goes to the address.',
  body: resetPasswordSchema,
  responses: { 200: v1MessageAnswer('Password reset'), 400: linkInvalid },
});

export const v1EndSessions = define({
  ...tokenSpending,
  operationId: 'v1EndSessions',
  path: '/api/v1/auth/end-sessions',
  summary: 'A security e-mail\'s "end all sessions" link',
  description:
    '`{"token"}` from the link `/end-sessions?token=…` in a security e-mail (a password changed, an address confirmed, a sign-in from a new device, a provider linked). Every session and token of the account ends. The token works once, for 7 days, and a later password change does not disarm it.',
  body: mailedTokenBody,
  responses: {
    200: v1Answer('Ended', z.object({ ended_sessions: z.number().int() })),
    400: linkInvalid,
  },
});

export const v1AuthStatus = define({
  operationId: 'v1AuthStatus',
  method: 'GET',
  path: '/api/v1/auth/status',
  summary: 'Who the token belongs to, and whether the address is verified',
  allowWhilePasswordChangeRequired: true,
  responses: {
    200: v1Answer(
      'Authenticated',
      z.object({
        authenticated: z.literal(true),
        user: v1UserSchema.omit({ last_login: true }),
        email_verified: z.boolean(),
        force_password_change: z.boolean(),
      }),
    ),
  },
});

export const v1AuthPermissions = define({
  operationId: 'v1AuthPermissions',
  method: 'GET',
  path: '/api/v1/auth/permissions',
  summary: "The caller's permissions, from the portal's permissions table",
  responses: {
    200: v1Answer(
      'Permissions',
      z.object({ permissions: z.array(z.enum([...CUSTOMER_PERMISSIONS, ...STAFF_PERMISSIONS])) }),
    ),
  },
});

export const v1AuthEndpoints = [
  v1EndSessions,
  v1AuthStatus,
  v1AuthPermissions,
  v1Login,
  v1OidcCallback,
  v1Refresh,
  v1Logout,
  v1ChangePassword,
  v1Profile,
  v1Register,
  v1VerifyEmail,
  v1ResendVerification,
  v1RequestPasswordReset,
  v1ConfirmPasswordReset,
];
