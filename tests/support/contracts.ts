import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';

export interface ContractFixture {
  contractIds: number[];
  equipmentIds: number[];
  alertIds: number[];
  /** Alerts not resolved, and of those, not acknowledged. */
  activeAlertIds: number[];
  unacknowledgedAlertIds: number[];
}

/**
 * Gives a customer contracts with equipment and alerts, set-based so a
 * customer with hundreds of contracts is quick to make. Alert i of each piece
 * of equipment is raised i+1 hours ago; every third is resolved, every
 * second of the rest acknowledged.
 */
export async function createContracts(
  userId: number,
  options: {
    contracts?: number;
    equipmentPerContract?: number;
    alertsPerEquipment?: number;
    tier?: string;
    status?: 'ACTIVE' | 'INACTIVE' | 'SUSPENDED' | 'CANCELLED';
  } = {},
): Promise<ContractFixture> {
  const count = options.contracts ?? 1;
  const tierName = options.tier ?? 'Premium';
  const tier = await db.serviceTier.upsert({
    where: { name: tierName },
    create: { name: tierName, features: ['24/7 Monitoring'], rank: 3 },
    update: {},
  });
  const tag = randomBytes(3).toString('hex');
  const contracts = await db.contract.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      userId,
      name: `Site ${tag}-${i + 1}`,
      status: options.status ?? 'ACTIVE',
      startDate: new Date('2024-01-01T00:00:00Z'),
      endDate: new Date('2027-01-01T00:00:00Z'),
      serviceTierId: tier.id,
    })),
    select: { id: true },
  });
  const perContract = options.equipmentPerContract ?? 1;
  const equipment = await db.equipment.createManyAndReturn({
    data: contracts.flatMap((c) =>
      Array.from({ length: perContract }, (_, i) => ({
        contractId: c.id,
        userId,
        kind: 'CAMERA' as const,
        model: 'SenseCam 4K',
        serial: `T-${tag}-${c.id}-${i}`,
        location: `Zone ${i + 1}`,
        installedAt: new Date('2024-02-01T00:00:00Z'),
        status: i % 3 === 2 ? ('FAULTY' as const) : ('ONLINE' as const),
      })),
    ),
    select: { id: true, contractId: true },
  });
  const perEquipment = options.alertsPerEquipment ?? 0;
  const now = Date.now();
  const alerts = await db.alert.createManyAndReturn({
    data: equipment.flatMap((e) =>
      Array.from({ length: perEquipment }, (_, i) => {
        const raisedAt = new Date(now - (i + 1) * 3_600_000);
        const resolved = i % 3 === 2;
        return {
          equipmentId: e.id,
          contractId: e.contractId,
          userId,
          severity: 'HIGH' as const,
          message: `Test alert ${i + 1}`,
          raisedAt,
          resolvedAt: resolved ? new Date(raisedAt.getTime() + 60_000) : null,
          acknowledgedAt: resolved || i % 2 === 1 ? new Date(raisedAt.getTime() + 30_000) : null,
        };
      }),
    ),
    select: { id: true, resolvedAt: true, acknowledgedAt: true },
  });
  return {
    contractIds: contracts.map((c) => c.id),
    equipmentIds: equipment.map((e) => e.id),
    alertIds: alerts.map((a) => a.id),
    activeAlertIds: alerts.filter((a) => !a.resolvedAt).map((a) => a.id),
    unacknowledgedAlertIds: alerts
      .filter((a) => !a.resolvedAt && !a.acknowledgedAt)
      .map((a) => a.id),
  };
}
