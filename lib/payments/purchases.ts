import 'server-only';
import { readPage, type Page } from '@/lib/pagination';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { purchaseInclude, type PurchaseRow } from './views';

/** Reads of a customer's purchases and licenses; every query is scoped to the owner. */
export function listPurchases(
  userId: number,
  page: number,
  pageSize: number,
): Promise<Page<PurchaseRow>> {
  const where = { userId };
  return readPage(
    { page, pageSize },
    (window) =>
      db.purchase.findMany({
        where,
        include: purchaseInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        ...window,
      }),
    () => db.purchase.count({ where }),
  );
}

export async function getPurchase(userId: number, purchaseId: number): Promise<PurchaseRow> {
  const purchase = await db.purchase.findFirst({
    where: { id: purchaseId, userId },
    include: purchaseInclude,
  });
  if (!purchase) throw notFound('Purchase not found');
  return purchase;
}
