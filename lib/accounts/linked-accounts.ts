import 'server-only';
import { z } from 'zod';
import { revokeOtherSessions } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { AppError, accountInactive, conflict, isAppError, notFound } from '@/lib/errors';
import { transactionWithJobs } from '@/lib/jobs/boss';
import { normaliseEmail } from './email';
import { securityNotice } from './lifecycle';
import {
  createCustomer,
  findAccountByEmail,
  findCredentials,
  hasPassword,
  isUniqueViolation,
  reclaimAccount,
  type Credentials,
  type Tx,
} from './users';

/**
 * Accounts signed in to through an OpenID provider. The one owner of `linked_accounts`.
 *
 * An identity is keyed on the provider's issuer and subject, never on the address: a provider may
 * let its users change their address, and an address is only as good as the provider's word for
 * it. Linking an identity to an account by address happens once, and only when the provider says
 * it verified the address (`email_verified: true`): linking on an unverified address is how
 * accounts are taken over (nOAuth). A local account whose address was never verified may have
 * been registered by someone else in advance (pre-hijacking), so it loses its password and every
 * session before it is linked. Staff accounts are never linked by address.
 */

/** The ID token's claims the portal reads; the rest are ignored. */
/** An optional text claim: cut to `max`, and dropped when it is not text at all. */
const textClaim = (max: number) =>
  z
    .string()
    .transform((value) => value.slice(0, max))
    .optional()
    .catch(undefined);

/**
 * Only a subject is required. A provider's odd profile data (an overlong or non-text name) never
 * refuses the sign-in; an unusable address is dropped, and then linking refuses with its reason.
 */
export const providerClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(254).optional().catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .catch(undefined),
  given_name: textClaim(100),
  family_name: textClaim(100),
  name: textClaim(200),
});

export type ProviderClaims = z.infer<typeof providerClaimsSchema>;

export interface ProviderIdentity {
  issuer: string;
  /** The provider's name, for messages: "Auth0". */
  providerName: string;
  claims: ProviderClaims;
}

export type LinkOutcome = 'signed_in' | 'linked' | 'linked_reclaimed' | 'created';

const emailOk = z.email();

function namesOf(claims: ProviderClaims, email: string): { firstName: string; lastName: string } {
  const given = claims.given_name?.trim();
  const family = claims.family_name?.trim();
  if (given || family) return { firstName: given ?? '', lastName: family ?? '' };
  const [first, ...rest] = (claims.name ?? '').trim().split(/\s+/);
  if (first) return { firstName: first, lastName: rest.join(' ') };
  return { firstName: email.split('@')[0] ?? email, lastName: '' };
}

/**
 * The account an identity signs in to: the one it is linked to, or the account with the address
 * the provider verified (linked now), or a new customer without a password. Answers the account's
 * credentials as sign-in reads them, and what happened.
 */
export async function resolveProviderIdentity(
  identity: ProviderIdentity,
): Promise<{ user: Credentials; outcome: LinkOutcome }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await resolveOnce(identity);
    } catch (err) {
      // Two first sign-ins of one identity at once: the unique indexes let one create or link;
      // the other finds that link on its second pass.
      if (attempt === 0 && (isUniqueViolation(err) || isAppError(err, 'EMAIL_TAKEN'))) continue;
      throw err;
    }
  }
}

async function resolveOnce(
  identity: ProviderIdentity,
): Promise<{ user: Credentials; outcome: LinkOutcome }> {
  const { issuer, claims, providerName } = identity;
  const linked = await db.linkedAccount.findUnique({
    where: { issuer_subject: { issuer, subject: claims.sub } },
    select: { id: true, user: { select: { email: true } } },
  });
  if (linked) {
    await db.linkedAccount.update({
      where: { id: linked.id },
      data: { lastSignInAt: new Date() },
    });
    const user = await findCredentials(linked.user.email);
    if (!user) throw notFound('Account not found');
    return { user, outcome: 'signed_in' };
  }

  const email = claims.email ? normaliseEmail(claims.email) : '';
  if (!emailOk.safeParse(email).success) {
    throw new AppError(
      'OIDC_LINK_REFUSED',
      `${providerName} did not share a usable e-mail address, so no account can be chosen. Allow the portal to read your address at ${providerName}, then try again.`,
    );
  }
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (!verified) {
    throw new AppError(
      'OIDC_EMAIL_UNVERIFIED',
      `${providerName} has not verified ${email}, so it cannot be used to sign in here. Verify the address at ${providerName} and try again, or sign in with your password.`,
    );
  }

  const outcome = await transactionWithJobs(async (tx): Promise<LinkOutcome> => {
    const local = await findAccountByEmail(tx, email);
    if (!local) {
      const created = await createCustomer(tx, {
        email,
        passwordHash: null,
        ...namesOf(claims, email),
        phone: null,
        emailVerified: true,
      });
      await link(tx, created.id, identity, email);
      return 'created';
    }
    // A deactivated account is neither taken over nor linked: support decides about it.
    if (!local.active) throw accountInactive();
    if (local.role !== 'CUSTOMER') {
      throw new AppError(
        'OIDC_LINK_REFUSED',
        `Staff accounts are not linked to ${providerName}: sign in with your password.`,
      );
    }
    let outcome: LinkOutcome = 'linked';
    if (!local.emailVerifiedAt) {
      // Whoever registered this address never proved it: their password and sessions end, and
      // the provider's verified owner of the address takes the account over.
      await reclaimAccount(tx, { userId: local.id, ...namesOf(claims, email) });
      await revokeOtherSessions(
        { userId: local.id, keepSessionId: null, reason: 'account_reclaimed' },
        tx,
      );
      outcome = 'linked_reclaimed';
    }
    await link(tx, local.id, identity, email);
    await securityNotice(tx, { id: local.id, email }, 'provider_linked');
    return outcome;
  });
  const user = await findCredentials(email);
  if (!user) throw notFound('Account not found');
  return { user, outcome };
}

async function link(tx: Tx, userId: number, identity: ProviderIdentity, email: string) {
  await tx.linkedAccount.create({
    data: {
      userId,
      issuer: identity.issuer,
      subject: identity.claims.sub,
      email,
      lastSignInAt: new Date(),
    },
  });
}

export interface LinkedIdentity {
  id: number;
  issuer: string;
  email: string;
  createdAt: Date;
  lastSignInAt: Date | null;
}

/** The identities linked to the account, for its security page. */
export function listLinkedAccounts(userId: number): Promise<LinkedIdentity[]> {
  return db.linkedAccount.findMany({
    where: { userId },
    select: { id: true, issuer: true, email: true, createdAt: true, lastSignInAt: true },
    orderBy: { createdAt: 'asc' },
  });
}

/**
 * Removes a linked identity from the customer's own account (another account's is a 404). The
 * account must keep a way in: one without a password sets one first, by a password reset. The
 * identity can link itself again only by the rules above (a provider-verified address).
 */
export async function unlinkProvider(input: { userId: number; linkId: number }): Promise<void> {
  await db.$transaction(async (tx) => {
    const removed = await tx.linkedAccount.deleteMany({
      where: { id: input.linkId, userId: input.userId },
    });
    if (removed.count !== 1) throw notFound('No such sign-in provider');
    const left = await tx.linkedAccount.count({ where: { userId: input.userId } });
    if (left === 0 && !(await hasPassword(input.userId, tx))) {
      throw conflict(
        'This is your only way to sign in: set a password first (Forgot password), then remove it',
      );
    }
  });
}
