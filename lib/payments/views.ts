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

export { parsePrefixedId } from '@/lib/validations/ids';
