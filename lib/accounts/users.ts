import 'server-only';
import { db, type Prisma } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { normaliseEmail } from './email';

export interface UserSeed {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role?: Role;
  active?: boolean;
  forcePasswordChange?: boolean;
  phone?: string | null;
  company?: string | null;
  address?: string | null;
  nameOnContract?: string | null;
  emailVerified?: boolean;
}

/**
 * Creates the account, or puts an existing one back to exactly this state
 * (password included): seeding twice leaves the same data.
 */
export async function upsertUser(seed: UserSeed): Promise<{ id: number }> {
  const email = normaliseEmail(seed.email);
  const data = {
    passwordHash: await hashPassword(seed.password),
    firstName: seed.firstName,
    lastName: seed.lastName,
    role: seed.role ?? 'CUSTOMER',
    active: seed.active ?? true,
    forcePasswordChange: seed.forcePasswordChange ?? false,
    phone: seed.phone ?? null,
    company: seed.company ?? null,
    address: seed.address ?? null,
    nameOnContract: seed.nameOnContract ?? null,
    emailVerifiedAt: seed.emailVerified === false ? null : new Date('2025-01-01T00:00:00Z'),
  };
  return db.user.upsert({
    where: { email },
    create: { email, ...data },
    update: data,
    select: { id: true },
  });
}

/** A transaction another owner opened, so writes of two tables commit together. */
export type Tx = Prisma.TransactionClient;

export interface Credentials {
  id: number;
  email: string;
  /** Null: the account signs in only through an OpenID provider. */
  passwordHash: string | null;
  firstName: string;
  lastName: string;
  active: boolean;
  forcePasswordChange: boolean;
  lastLoginAt: Date | null;
  credentialVersion: number;
  role: Role;
}

/** What sign-in checks, read in one query: the hash and the credential version beside it. */
export function findCredentials(email: string): Promise<Credentials | null> {
  return db.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: {
      id: true,
      email: true,
      passwordHash: true,
      firstName: true,
      lastName: true,
      active: true,
      forcePasswordChange: true,
      lastLoginAt: true,
      credentialVersion: true,
      role: true,
    },
  });
}

export function findCredentialsById(
  userId: number,
): Promise<Pick<Credentials, 'email' | 'passwordHash' | 'credentialVersion'> | null> {
  return db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true, credentialVersion: true },
  });
}

export async function recordSignIn(userId: number, at: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: at } });
}

/**
 * Replaces a hash made at an old cost, only if it is still the one verified: a password change
 * committed meanwhile is never overwritten. Not a credential change, so sessions stay valid.
 */
export async function replacePasswordHash(input: {
  userId: number;
  oldHash: string;
  newHash: string;
}): Promise<void> {
  await db.user.updateMany({
    where: { id: input.userId, passwordHash: input.oldHash },
    data: { passwordHash: input.newHash },
  });
}

/**
 * A new password: clears force-password-change and bumps the credential version, which ends
 * every session stamped with the old one. Returns the new version.
 *
 * With `expectedVersion` (a change that checked the current password), only if no other
 * credential change committed since that check: a reset, or an OpenID provider's verified owner
 * taking the account over, must not be undone by a change that was already under way.
 */
export async function setPassword(
  tx: Tx,
  input: { userId: number; passwordHash: string; expectedVersion?: number },
): Promise<number> {
  const changed = await tx.user.updateMany({
    where: {
      id: input.userId,
      ...(input.expectedVersion === undefined ? {} : { credentialVersion: input.expectedVersion }),
    },
    data: {
      passwordHash: input.passwordHash,
      forcePasswordChange: false,
      passwordChangedAt: new Date(),
      credentialVersion: { increment: 1 },
    },
  });
  if (changed.count !== 1) {
    throw new AppError(
      'CONFLICT',
      "Your account's sign-in details changed while the password was being changed; sign in again and retry",
    );
  }
  const { credentialVersion } = await tx.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { credentialVersion: true },
  });
  return credentialVersion;
}

/** Prisma's answer when a unique index refuses a row (two requests racing for one value). */
export const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Error && 'code' in err && err.code === 'P2002';

/**
 * A new customer's account: registered (unverified, with a password) or made through an OpenID
 * provider that verified the address (`emailVerified`, no password). A taken address is a 409
 * `EMAIL_TAKEN`.
 */
export async function createCustomer(
  tx: Tx,
  input: {
    email: string;
    passwordHash: string | null;
    firstName: string;
    lastName: string;
    phone: string | null;
    emailVerified?: boolean;
  },
): Promise<{ id: number; email: string }> {
  const { emailVerified, ...fields } = input;
  const email = normaliseEmail(input.email);
  const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) throw new AppError('EMAIL_TAKEN', 'Email already registered');
  try {
    return await tx.user.create({
      data: {
        ...fields,
        email,
        role: 'CUSTOMER',
        emailVerifiedAt: emailVerified ? new Date() : null,
      },
      select: { id: true, email: true },
    });
  } catch (err) {
    // Two registrations of one address at once: the unique index decides.
    if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN', 'Email already registered');
    throw err;
  }
}

/** The account with this address, as linking an OpenID identity by address needs it. */
export function findAccountByEmail(
  tx: Tx,
  email: string,
): Promise<{ id: number; role: Role; active: boolean; emailVerifiedAt: Date | null } | null> {
  return tx.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, role: true, active: true, emailVerifiedAt: true },
  });
}

/**
 * An unverified account taken over by the address's verified owner: no password, the names the
 * owner's provider gives, nothing else the registration typed in, the address verified, and the
 * credential version up, so every session and token of the registrant ends.
 */
export async function reclaimAccount(
  tx: Tx,
  input: { userId: number; firstName: string; lastName: string },
): Promise<void> {
  await tx.user.update({
    where: { id: input.userId },
    data: {
      passwordHash: null,
      forcePasswordChange: false,
      emailVerifiedAt: new Date(),
      credentialVersion: { increment: 1 },
      firstName: input.firstName,
      lastName: input.lastName,
      phone: null,
      company: null,
      address: null,
      nameOnContract: null,
    },
  });
}

/** Marks the address verified, if it is still the account's address. */
export async function markEmailVerified(tx: Tx, input: { userId: number; email: string }) {
  const updated = await tx.user.updateMany({
    where: { id: input.userId, email: normaliseEmail(input.email) },
    data: { emailVerifiedAt: new Date() },
  });
  return updated.count === 1;
}

/** Whether the account's address is verified (buying, downloading and tickets need it). */
export async function isEmailVerified(userId: number): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { emailVerifiedAt: true },
  });
  return Boolean(user?.emailVerifiedAt);
}

/** Whether the account has a password (one made through an OpenID provider has none until reset). */
export async function hasPassword(userId: number, tx: Tx = db): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return Boolean(user?.passwordHash);
}

/** Throws 403 `EMAIL_NOT_VERIFIED` unless the account's address is verified. */
export async function requireVerifiedEmail(userId: number): Promise<void> {
  if (!(await isEmailVerified(userId))) {
    throw new AppError(
      'EMAIL_NOT_VERIFIED',
      'Verify your e-mail address first: follow the link we sent you, or ask for a new one on your account page',
    );
  }
}

/** Ends every session and token of the account: its credential version goes up. */
export async function bumpCredentialVersion(tx: Tx, userId: number): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { credentialVersion: { increment: 1 } },
  });
}

/** Stores the customer's Stripe customer once; the first stored id wins a race. */
export async function attachStripeCustomer(userId: number, customerId: string): Promise<string> {
  await db.user.updateMany({
    where: { id: userId, stripeCustomerId: null },
    data: { stripeCustomerId: customerId },
  });
  const stored = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { stripeCustomerId: true },
  });
  return stored.stripeCustomerId ?? customerId;
}

export interface StaffMember {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
}

/** Active accounts with one of these roles (the agents a ticket can be assigned to). */
export function listUsersWithRoles(roles: readonly Role[]): Promise<StaffMember[]> {
  return db.user.findMany({
    where: { role: { in: [...roles] }, active: true },
    select: { id: true, firstName: true, lastName: true, email: true },
    orderBy: [{ firstName: 'asc' }, { id: 'asc' }],
  });
}

export interface MailRecipient {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  role: Role;
  /** Wants non-essential support e-mail. */
  supportEmails: boolean;
}

const recipientSelect = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  active: true,
  role: true,
  supportEmails: true,
} as const satisfies Prisma.UserSelect;

/** Who an e-mail goes to, read in the caller's transaction. */
export function findMailRecipient(tx: Tx, userId: number): Promise<MailRecipient | null> {
  return tx.user.findUnique({
    where: { id: userId },
    select: recipientSelect,
  });
}

/** The active account with this e-mail, for inbound mail (addresses are stored lower-cased). */
export function findActiveUserByEmail(email: string): Promise<MailRecipient | null> {
  return db.user.findFirst({
    where: { email: normaliseEmail(email), active: true },
    select: recipientSelect,
  });
}

/** Turns non-essential support e-mail on or off. */
export async function setSupportEmails(userId: number, enabled: boolean): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { supportEmails: enabled } });
}

/** Whether the customer wants non-essential support e-mail. */
export async function getSupportEmails(userId: number): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { supportEmails: true } });
  return user?.supportEmails ?? false;
}
