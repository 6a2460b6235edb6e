/**
 * The owner a row repeats for scoped single-table reads (equipment.user_id, alerts.contract_id and
 * user_id, licenses.user_id, invoices.user_id) must be its parent's: composite foreign keys make
 * the database refuse a row that names another owner than its contract, equipment or purchase.
 * Each refusal must be a foreign-key violation (P2003 / 23503) on the composite key, not some
 * other error; the consistent rows go in, and deleting a parent still cascades.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { createContracts } from '../support/contracts';
import { grantLicense } from '../support/licenses';
import { createTestUser } from '../support/users';

interface Customer {
  userId: number;
  /** Two contracts, so an alert can name the owner's other contract. */
  contractIds: [number, number];
  /** One piece of equipment on each contract. */
  equipmentIds: [number, number];
  /** A purchase with neither a license nor an invoice yet. */
  purchaseId: number;
}

let a: Customer;
let b: Customer;

beforeAll(async () => {
  a = await createCustomer();
  b = await createCustomer();
});

afterAll(async () => {
  const ids = [a, b].filter(Boolean).map((c) => c.userId);
  await db.user.deleteMany({ where: { id: { in: ids } } });
});

describe('equipment names its contract’s owner', () => {
  it('refuses equipment naming customer B on customer A’s contract', async () => {
    const refused = db.equipment.create({
      data: equipmentData({ contractId: a.contractIds[0], userId: b.userId }),
    });
    expect(await foreignKeyViolation(refused)).toBe('equipment_contract_id_user_id_fkey');
  });

  it('refuses moving A’s equipment to B while it stays on A’s contract', async () => {
    const refused = db.equipment.update({
      where: { id: a.equipmentIds[0] },
      data: { userId: b.userId },
    });
    // Alerts already on this equipment would fail their own key too; the first to fire names either.
    expect(await foreignKeyViolation(refused)).toMatch(
      /^(equipment_contract_id_user_id_fkey|alerts_equipment_id_contract_id_user_id_fkey)$/,
    );
  });

  it('accepts equipment naming the contract’s owner', async () => {
    const created = await db.equipment.create({
      data: equipmentData({ contractId: a.contractIds[0], userId: a.userId }),
      select: { contractId: true, userId: true },
    });
    expect(created).toEqual({ contractId: a.contractIds[0], userId: a.userId });
  });
});

describe('alerts name their equipment’s contract and owner', () => {
  it.each([
    {
      naming: 'another contract of the same owner than its equipment’s',
      owners: () => ({ equipment: a.equipmentIds[0], contract: a.contractIds[1], user: a.userId }),
      key: /^alerts_equipment_id_contract_id_user_id_fkey$/,
    },
    {
      naming: 'another user than its equipment’s and contract’s owner',
      owners: () => ({ equipment: a.equipmentIds[0], contract: a.contractIds[0], user: b.userId }),
      key: /^alerts_(equipment_id_contract_id_user_id|contract_id_user_id)_fkey$/,
    },
    {
      // B's contract and B agree with each other; only the equipment (A's) disagrees.
      naming: 'another customer’s contract and user than its equipment’s',
      owners: () => ({ equipment: a.equipmentIds[0], contract: b.contractIds[0], user: b.userId }),
      key: /^alerts_equipment_id_contract_id_user_id_fkey$/,
    },
  ])('refuses an alert naming $naming', async ({ owners, key }) => {
    const { equipment, contract, user } = owners();
    const refused = db.alert.create({
      data: alertData({ equipmentId: equipment, contractId: contract, userId: user }),
    });
    expect(await foreignKeyViolation(refused)).toMatch(key);
  });

  it('accepts an alert naming its equipment’s contract and owner', async () => {
    const created = await db.alert.create({
      data: alertData({
        equipmentId: a.equipmentIds[1],
        contractId: a.contractIds[1],
        userId: a.userId,
      }),
      select: { equipmentId: true, contractId: true, userId: true },
    });
    expect(created).toEqual({
      equipmentId: a.equipmentIds[1],
      contractId: a.contractIds[1],
      userId: a.userId,
    });
  });
});

describe('licenses and invoices name their purchase’s owner', () => {
  /** Customer B named on customer A's purchase. */
  const bOnA = () => ({ purchaseId: a.purchaseId, userId: b.userId });

  it.each([
    ['a license', 'licenses', () => db.license.create({ data: licenseData(bOnA()) })],
    ['an invoice', 'invoices', () => db.invoice.create({ data: invoiceData(bOnA()) })],
  ])('refuses %s naming another user than the purchase’s', async (_, table, write) => {
    expect(await foreignKeyViolation(write())).toBe(`${table}_purchase_id_user_id_fkey`);
  });

  it('accepts a license and an invoice naming the purchase’s owner', async () => {
    const license = await db.license.create({
      data: licenseData({ purchaseId: b.purchaseId, userId: b.userId }),
      select: { purchaseId: true, userId: true },
    });
    const invoice = await db.invoice.create({
      data: invoiceData({ purchaseId: b.purchaseId, userId: b.userId }),
      select: { purchaseId: true, userId: true },
    });
    expect(license).toEqual({ purchaseId: b.purchaseId, userId: b.userId });
    expect(invoice).toEqual({ purchaseId: b.purchaseId, userId: b.userId });
  });

  it('a license created inside its purchase takes the purchase’s owner', async () => {
    const purchase = await grantLicense(a.userId);
    expect(purchase.license?.userId).toBe(a.userId);
  });
});

describe('deleting a parent still cascades', () => {
  it('a contract takes its equipment and their alerts with it; a purchase its license and invoice', async () => {
    const owner = await createCustomer();
    const [contractId] = owner.contractIds;
    const [equipmentId] = owner.equipmentIds;
    await db.alert.create({ data: alertData({ equipmentId, contractId, userId: owner.userId }) });
    await db.license.create({
      data: licenseData({ purchaseId: owner.purchaseId, userId: owner.userId }),
    });
    await db.invoice.create({
      data: invoiceData({ purchaseId: owner.purchaseId, userId: owner.userId }),
    });

    await db.contract.delete({ where: { id: contractId } });
    await db.purchase.delete({ where: { id: owner.purchaseId } });

    expect(await db.equipment.count({ where: { contractId } })).toBe(0);
    expect(await db.alert.count({ where: { contractId } })).toBe(0);
    expect(await db.license.count({ where: { purchaseId: owner.purchaseId } })).toBe(0);
    expect(await db.invoice.count({ where: { purchaseId: owner.purchaseId } })).toBe(0);
    expect(await db.equipment.count({ where: { id: owner.equipmentIds[1] } })).toBe(1);
    await db.user.delete({ where: { id: owner.userId } });
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

async function createCustomer(): Promise<Customer> {
  const user = await createTestUser();
  const fixture = await createContracts(user.id, { contracts: 2, equipmentPerContract: 1 });
  const [first, second] = fixture.contractIds;
  const equipment = await db.equipment.findMany({
    where: { id: { in: fixture.equipmentIds } },
    select: { id: true, contractId: true },
  });
  const onFirst = equipment.find((e) => e.contractId === first);
  const onSecond = equipment.find((e) => e.contractId === second);
  if (first === undefined || second === undefined || !onFirst || !onSecond) {
    throw new Error('createContracts did not make two contracts with one piece of equipment each');
  }
  const purchase = await db.purchase.create({
    data: {
      userId: user.id,
      checkoutSessionId: `cs_test_owner_${randomBytes(12).toString('hex')}`,
      amount: 35_900,
      currency: 'usd',
    },
    select: { id: true },
  });
  return {
    userId: user.id,
    contractIds: [first, second],
    equipmentIds: [onFirst.id, onSecond.id],
    purchaseId: purchase.id,
  };
}

function equipmentData(owner: { contractId: number; userId: number }) {
  return {
    ...owner,
    kind: 'SENSOR' as const,
    model: 'Motion Sensor M3',
    serial: `OC-${randomBytes(4).toString('hex')}`,
    location: 'Hall',
    installedAt: new Date('2024-03-01T00:00:00Z'),
    status: 'ONLINE' as const,
  };
}

function alertData(owner: { equipmentId: number; contractId: number; userId: number }) {
  return { ...owner, severity: 'HIGH' as const, message: 'Owner check', raisedAt: new Date() };
}

function licenseData(owner: { purchaseId: number; userId: number }) {
  return {
    ...owner,
    key: `TEST-${randomBytes(6).toString('hex').toUpperCase()}`,
    productType: 'base_product',
    majorVersion: 2,
  };
}

function invoiceData(owner: { purchaseId: number; userId: number }) {
  return {
    ...owner,
    id: `in_test_owner_${randomBytes(8).toString('hex')}`,
    amount: 35_900,
    currency: 'usd',
    status: 'paid',
    createdAt: new Date(),
  };
}

/**
 * Awaits a write that must be refused and returns the name of the foreign key that refused it;
 * fails the test if it succeeded or failed in any other way (a unique violation, a validation
 * error...).
 */
async function foreignKeyViolation(write: Promise<unknown>): Promise<string> {
  const error: unknown = await write.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the write should have been refused').toBeInstanceOf(
    Prisma.PrismaClientKnownRequestError,
  );
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
  const cause = adapterCause(error.meta);
  // Prisma's code for a foreign-key violation, and PostgreSQL's underneath it.
  expect(error.code, error.message).toBe('P2003');
  expect(cause?.originalCode, error.message).toBe('23503');
  const constraint = cause?.constraint ?? /constraint: `([^`]+)`/.exec(error.message)?.[1];
  expect(constraint, error.message).toBeTypeOf('string');
  return constraint ?? '';
}

/** meta.driverAdapterError.cause as @prisma/adapter-pg reports it, read without trusting its shape. */
function adapterCause(
  meta: Record<string, unknown> | undefined,
): { originalCode?: string; constraint?: string } | undefined {
  const adapterError = field(meta, 'driverAdapterError');
  const cause = field(adapterError, 'cause');
  if (cause === undefined) return undefined;
  const originalCode = field(cause, 'originalCode');
  const index = field(field(cause, 'constraint'), 'index');
  return {
    originalCode: typeof originalCode === 'string' ? originalCode : undefined,
    constraint: typeof index === 'string' ? index : undefined,
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
