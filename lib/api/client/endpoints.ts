import { z } from 'zod';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { endpointGroup } from '@/lib/http/endpoint-group';
import { serviceTierSchema } from '@/lib/api/v1/contracts';
import { loginPasswordSchema, loginSchema, passwordSchema } from '@/lib/validations/auth';
import { CONTRACT_STATUSES, contractIdParams } from '@/lib/validations/contracts';
import { clientErrorSchema } from './errors';
import { plainError } from '../plain-answers';

/**
 * Document 1's /client surface (shared/contracts/1-sense-security-client-api.md): bearer
 * tokens from POST /client/auth/login, errors as `{"error": "..."}` with the stable `code`
 * and the `request_id` beside it.
 */
const define = endpointGroup('client', ['Client API (document 1)']);

/** GET /client/contracts is unpaginated in document 1; this bounds one answer. */
export const CLIENT_CONTRACTS_LIMIT = 1000;

export const clientChangePasswordSchema = z.object({
  old_password: loginPasswordSchema,
  new_password: passwordSchema,
});

const e400 = { description: 'Validation failed or malformed JSON', schema: clientErrorSchema };

/** What the reads of one contract share: the caller's own contract's id in the path. */
const oneContract = {
  description:
    "The id is a positive integer (anything else is a 400). Another customer's contract answers as a missing one: 404.",
  params: contractIdParams,
  ownedResource: 'contract',
} as const;

const oneContractErrors = {
  400: e400,
  404: {
    description: '`Contract not found`: no such contract, or not yours',
    schema: clientErrorSchema,
  },
};

const contractFields = {
  contract_id: z.number().int(),
  name: z.string(),
  status: z.enum(CONTRACT_STATUSES),
};

const contractSummarySchema = z.object(contractFields).meta({ id: 'ClientContractSummary' });

const contractSchema = z
  .object({
    ...contractFields,
    start_date: z.string().meta({ description: 'YYYY-MM-DD' }),
    end_date: z.string().nullable().meta({ description: 'YYYY-MM-DD, or null when open-ended' }),
  })
  .meta({ id: 'ClientContract' });

export const clientLogin = define({
  operationId: 'clientLogin',
  method: 'POST',
  path: '/client/auth/login',
  summary: 'Sign in with e-mail and password',
  description:
    "Returns an HS256 JWT for `Authorization: Bearer`. It lives `CLIENT_TOKEN_TTL_SECONDS` (one hour by default; 1 to 24 hours), and so does its session: there is no refresh token, sign in again. `expires_at` is the token's expiry, ISO 8601 UTC to the second. `force_password_change` (beside document 1's fields) says the account may only change its password or log out until it does. Limited per client address and per account (429 with Retry-After).",
  auth: 'none',
  body: loginSchema,
  responses: {
    200: {
      description: 'Signed in',
      schema: z.object({
        token: z.string(),
        expires_at: z.string().meta({ description: 'ISO 8601 UTC, e.g. 2025-07-15T23:59:59Z' }),
        force_password_change: z.boolean(),
      }),
    },
    400: e400,
    401: {
      description: '`Invalid email or password`, or an inactive account',
      schema: clientErrorSchema,
    },
  },
});

export const clientLogout = define({
  operationId: 'clientLogout',
  method: 'POST',
  path: '/client/auth/logout',
  summary: 'End the session',
  description:
    'Answers 200 with an empty body (document 1: "no content"). The session ends everywhere at once: the token is refused on the next request. Send no body.',
  allowWhilePasswordChangeRequired: true,
  responses: { 200: { description: 'Logged out; empty body' } },
});

const refusedPassword = plainError('Wrong `old_password`, or a weak new password');

export const clientChangePassword = define({
  operationId: 'clientChangePassword',
  method: 'POST',
  path: '/client/auth/change-password',
  summary: 'Change the password',
  description:
    'Requires the current password as `old_password`. New passwords are 12-128 characters, not a common password and not the current one (400 says why). Clears `force_password_change` and ends every other session; this token stays valid.',
  allowWhilePasswordChangeRequired: true,
  body: clientChangePasswordSchema,
  responses: {
    204: { description: 'Password changed; empty body' },
    400: refusedPassword,
    409: {
      description:
        '`PASSWORD_NOT_SET`: the account signs in through an OpenID provider and has no password yet; set one with a password reset',
      schema: clientErrorSchema,
    },
  },
});

export const clientProfile = define({
  operationId: 'clientProfile',
  method: 'GET',
  path: '/client/profile',
  summary: "The customer's profile (read-only)",
  description:
    "`name_on_contract` is the account holder's first and last name when no contract name is on file; `phone_number` and `address` are null when not on file.",
  responses: {
    200: {
      description: 'Profile',
      schema: z.object({
        customer_id: z.number().int(),
        name_on_contract: z.string(),
        email: z.string(),
        phone_number: z.string().nullable(),
        address: z.string().nullable(),
        active: z.boolean(),
        created_at: z.string().meta({ description: 'ISO 8601 UTC, e.g. 2025-06-01T10:30:00Z' }),
      }),
    },
  },
});

export const clientDashboard = define({
  operationId: 'clientDashboard',
  method: 'GET',
  path: '/client/dashboard',
  summary: 'Counts of contracts, equipment and active alerts',
  description: '`active_alerts` counts the alerts not yet resolved.',
  responses: {
    200: {
      description: 'Dashboard',
      schema: z.object({
        contract_count: z.number().int(),
        equipment_count: z.number().int(),
        active_alerts: z.number().int(),
      }),
    },
  },
});

export const clientContracts = define({
  operationId: 'clientListContracts',
  method: 'GET',
  path: '/client/contracts',
  summary: "All the customer's contracts",
  description: `A plain JSON array ordered by id, unpaginated as document 1 shows, capped at ${CLIENT_CONTRACTS_LIMIT} contracts. \`X-Total-Count\` carries how many the customer has; GET /api/v1/contracts pages through more.`,
  responses: {
    200: { description: 'Contracts', schema: z.array(contractSummarySchema) },
  },
});

export const clientContract = define({
  operationId: 'clientGetContract',
  method: 'GET',
  path: '/client/contracts/{id}',
  summary: 'One contract',
  ...oneContract,
  responses: { 200: { description: 'Contract', schema: contractSchema }, ...oneContractErrors },
});

export const clientServiceTier = define({
  operationId: 'clientGetServiceTier',
  method: 'GET',
  path: '/client/contracts/{id}/service-tier',
  summary: "A contract's service tier and its features",
  ...oneContract,
  responses: {
    200: { description: 'Service tier', schema: serviceTierSchema },
    ...oneContractErrors,
  },
});

/** Document 1's /client surface. */
export const clientEndpoints: EndpointSpec[] = [
  clientLogin,
  clientLogout,
  clientChangePassword,
  clientProfile,
  clientDashboard,
  clientContracts,
  clientContract,
  clientServiceTier,
];
