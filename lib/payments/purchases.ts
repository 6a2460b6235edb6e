import 'server-only';
import { pageOf, type Page } from '@/lib/pagination';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { purchaseInclude, type PurchaseRow } from './views';

/** Reads of a customer's purchases and licenses; every query is scoped to the owner. */
export async function listPurchases(
  userId: number,
  page: number,
  pageSize: number,
): Promise<Page<PurchaseRow>> {
  const where = { userId };
  const [items, total] = await Promise.all([
    db.purchase.findMany({
      where,
      include: purchaseInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.purchase.count({ where }),
  ]);
  return pageOf(items, total, page, pageSize);
}

export async function getPurchase(userId: number, purchaseId: number): Promise<PurchaseRow> {
  const purchase = await db.purchase.findFirst({
    where: { id: purchaseId, userId },
    include: purchaseInclude,
  });
  if (!purchase) throw notFound('Purchase not found');
  return purchase;
}
