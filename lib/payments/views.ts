import type { Prisma } from '@/lib/db/client';

/** What purchases, licenses and invoices look like to every surface (document 2's shapes, ids prefixed). */
export const purchaseInclude = {
  items: { orderBy: { id: 'asc' } },
  license: true,
  invoice: true,
} satisfies Prisma.PurchaseInclude;

export type PurchaseRow = Prisma.PurchaseGetPayload<{ include: typeof purchaseInclude }>;
export type { License as LicenseRow } from '@/lib/licenses/licenses';
export type InvoiceRow = Prisma.InvoiceGetPayload<object>;

export const purchaseId = (id: number) => `purchase_${id}`;
export const licenseId = (id: number) => `license_${id}`;

/** `purchase_12` → 12; anything else → null (the caller answers 400 or 404). */
export function parsePrefixedId(prefix: 'purchase' | 'license', value: string): number | null {
  const match = new RegExp(`^${prefix}_([1-9][0-9]{0,9})$`).exec(value);
  const id = match?.[1] ? Number(match[1]) : Number.NaN;
  return Number.isInteger(id) && id <= 2_147_483_647 ? id : null;
}
