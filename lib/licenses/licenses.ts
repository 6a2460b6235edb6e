import 'server-only';
import type { Tx } from '@/lib/accounts/users';
import { db } from '@/lib/db/client';
import type { LicenseStatus } from '@/lib/db/generated/enums';
import { generateLicenseKey } from './keys';

export type { LicenseStatus };

/**
 * The licenses table's one owner: fulfilment issues them, refunds and disputes suspend them,
 * downloads ask what they cover. Everything else calls these functions.
 */
export interface License {
  id: number;
  userId: number;
  purchaseId: number;
  key: string;
  productType: string;
  majorVersion: number;
  status: LicenseStatus;
  suspendedAt: Date | null;
  suspendReason: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

export function listLicenses(userId: number): Promise<License[]> {
  return db.license.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}

/** A new license for a purchase, inside the fulfilment's transaction. */
export async function issueLicense(
  tx: Tx,
  input: { userId: number; purchaseId: number; productType: string; majorVersion: number },
): Promise<void> {
  await tx.license.create({ data: { ...input, key: generateLicenseKey() } });
}

/** Suspends the purchase's active license (a refund or a dispute), inside the caller's transaction. */
export async function suspendPurchaseLicense(
  tx: Tx,
  input: { purchaseId: number; reason: string },
): Promise<void> {
  await tx.license.updateMany({
    where: { purchaseId: input.purchaseId, status: 'ACTIVE' },
    data: { status: 'SUSPENDED', suspendedAt: new Date(), suspendReason: input.reason },
  });
}

export interface Coverage {
  productType: string;
  majorVersion: number;
}

/**
 * What the customer may download: active, unexpired licenses of an active account. Signed links
 * outlive the sessions that minted them, so the account is checked here, in the same query the
 * file route re-runs for every request.
 */
export function usableLicenses(userId: number): Promise<Coverage[]> {
  return db.license.findMany({
    where: {
      userId,
      status: 'ACTIVE',
      user: { active: true },
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
    },
    select: { productType: true, majorVersion: true },
  });
}

/** The major versions whose license is suspended (to explain a locked download). */
export async function suspendedMajors(userId: number): Promise<number[]> {
  const rows = await db.license.findMany({
    where: { userId, status: 'SUSPENDED' },
    select: { majorVersion: true },
  });
  return rows.map((r) => r.majorVersion);
}
