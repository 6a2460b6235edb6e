import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The auth feature's schemas, shared by the forms, the server actions, the
 * route handlers and the OpenAPI description.
 */
const commonPasswords = new Set(
  (dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
);

/** What every surface and page says of a mailed link that cannot be used. */
export const LINK_INVALID_MESSAGE = 'This link is invalid, used or expired; ask for a new one';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** 12 to 128 characters (code points, not UTF-16 units), no composition rules, not a common password. */
export const passwordSchema = z
  .string({ error: 'Password is required' })
  .refine((p) => [...p].length >= PASSWORD_MIN, {
    message: `Password must be at least ${PASSWORD_MIN} characters`,
  })
  .refine((p) => [...p].length <= PASSWORD_MAX, {
    message: `Password must be at most ${PASSWORD_MAX} characters`,
  })
  .refine((p) => !isCommonPassword(p), {
    message: 'This password is too common; choose another',
  });

export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .min(1, 'Email is required')
  .max(254, 'Email is too long')
  .pipe(z.email({ error: 'Enter a valid email address' }));

/** Sign-in accepts any string up to the maximum: policy applies when a password is set, not when it is checked. */
export const loginPasswordSchema = z
  .string({ error: 'Password is required' })
  .min(1, 'Password is required')
  .max(1024, 'Password is too long');

export const loginSchema = z.object({
  email: emailSchema,
  password: loginPasswordSchema,
});

export const changePasswordSchema = z.object({
  current_password: loginPasswordSchema,
  new_password: passwordSchema,
});

export const refreshSchema = z.object({
  refresh_token: z.string().min(1, 'refresh_token is required').max(512),
});

export const changePasswordFormSchema = z
  .object({
    currentPassword: loginPasswordSchema,
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: 'The new passwords do not match',
    path: ['confirmPassword'],
  });

export type LoginInput = z.infer<typeof loginSchema>;

const name = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(100, `${field} must be at most 100 characters`);

/** Document 3's registration (/api/auth/register): no name is asked for, but one is taken. */
export const authApiRegisterSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    firstName: name('First name').optional(),
    lastName: name('Last name').optional(),
  })
  .strict()
  .meta({ id: 'AuthApiRegister' });

/** Document 3's change of password: `changePasswordSchema` under its camel-case names. */
export const authApiChangePasswordSchema = z
  .object({
    currentPassword: changePasswordSchema.shape.current_password,
    newPassword: changePasswordSchema.shape.new_password,
  })
  .meta({ id: 'AuthApiChangePassword' });

/** A phone number as people write it: digits, spaces, +, -, dots, parentheses. */
const phone = z
  .string()
  .trim()
  .max(40, 'Phone must be at most 40 characters')
  .regex(/^[+0-9 ().-]*$/, 'Phone may hold digits, spaces and + - . ( ) only');

/** A mailed token (verification or reset): 256 bits in base64url. */
export const mailedTokenSchema = z
  .string({ error: 'token is required' })
  .max(100, 'token is not valid')
  .min(1, 'token is required');

/** POST /api/v1/auth/register. */
export const registerSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    first_name: name('First name'),
    last_name: name('Last name'),
    phone: phone.optional(),
  })
  .strict()
  .meta({ id: 'Register' });

/** The portal's /register form. */
export const registerFormSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
    firstName: name('First name'),
    lastName: name('Last name'),
    phone: phone.default(''),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: 'The passwords do not match',
    path: ['confirmPassword'],
  });

/** POST /api/v1/auth/password/reset and the /forgot-password form. */
export const forgotPasswordSchema = z.object({ email: emailSchema }).strict();

/** POST /api/v1/auth/password/reset/confirm. */
export const resetPasswordSchema = z
  .object({ token: mailedTokenSchema, password: passwordSchema })
  .strict()
  .meta({ id: 'ResetPassword' });

/** The /reset-password form. */
export const resetPasswordFormSchema = z
  .object({ token: mailedTokenSchema, password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, {
    message: 'The passwords do not match',
    path: ['confirmPassword'],
  });

/** A body that carries one mailed token: verify-email, end-sessions, and their buttons. */
export const mailedTokenBody = z.object({ token: mailedTokenSchema }).strict();

/**
 * POST /api/v1/auth/callback (document 2 gives no body): the authorization code an app received
 * at its redirect URI, that URI, and the PKCE code verifier (RFC 7636: 43 to 128 unreserved
 * characters); the nonce when the app sent one.
 */
export const oidcCallbackSchema = z
  .object({
    code: z.string({ error: 'code is required' }).min(1, 'code is required').max(2048),
    redirectUri: z
      .string({ error: 'redirectUri is required' })
      .max(2048, 'redirectUri is too long')
      .pipe(z.url({ error: 'redirectUri must be an absolute URL' })),
    codeVerifier: z
      .string({ error: 'codeVerifier is required (PKCE)' })
      .regex(
        /^[A-Za-z0-9._~-]{43,128}$/,
        'codeVerifier must be 43 to 128 characters of A-Z, a-z, 0-9 and - . _ ~ (PKCE)',
      ),
    nonce: z.string().min(1, 'nonce must not be empty').max(512, 'nonce is too long').optional(),
  })
  .strict();

/** The security page's "Remove" on a linked sign-in provider. */
export const unlinkProviderSchema = z.object({
  linkId: z.coerce.number().int().positive().max(2_147_483_647),
});

/** POST /api/v1/auth/verify-email and the /verify-email button. */
export const verifyEmailSchema = mailedTokenBody;
