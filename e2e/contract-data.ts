import { db } from '@/lib/db/client';
import type {
  AlertSeverity,
  ContractStatus,
  EquipmentKind,
  EquipmentStatus,
} from '@/lib/db/generated/enums';
import { SERVICE_TIERS } from '../prisma/demo-contracts';

const DAY = 86_400_000;

export interface AlertSpec {
  message: string;
  severity?: AlertSeverity;
  /** How long ago it was raised, in days (fractions allowed). */
  daysAgo: number;
  acknowledged?: boolean;
  resolved?: boolean;
}

export interface EquipmentSpec {
  location: string;
  kind?: EquipmentKind;
  status?: EquipmentStatus;
  model?: string;
  alerts?: AlertSpec[];
}

export interface ContractSpec {
  name: string;
  status?: ContractStatus;
  tier?: (typeof SERVICE_TIERS)[number]['name'];
  startDate?: string;
  endDate?: string | null;
  equipment?: EquipmentSpec[];
}

export interface CreatedContract {
  id: number;
  name: string;
  equipment: { id: number; alerts: { id: number; message: string }[] }[];
}

/**
 * Gives a test customer contracts, equipment and alerts of its own (ids from
 * the sequences, so parallel tests never collide). Tiers are created if
 * missing and never changed, since other tests read them.
 */
export async function createContractsFor(
  userId: number,
  specs: ContractSpec[],
): Promise<CreatedContract[]> {
  const tierIds = new Map<string, number>();
  for (const tier of SERVICE_TIERS) {
    const row = await db.serviceTier.upsert({
      where: { name: tier.name },
      create: { name: tier.name, rank: tier.rank, features: [...tier.features] },
      update: {},
      select: { id: true },
    });
    tierIds.set(tier.name, row.id);
  }
  const now = Date.now();
  const created: CreatedContract[] = [];
  for (const spec of specs) {
    const contract = await db.contract.create({
      data: {
        userId,
        name: spec.name,
        status: spec.status ?? 'ACTIVE',
        startDate: new Date(`${spec.startDate ?? '2024-01-01'}T00:00:00Z`),
        endDate:
          spec.endDate === null ? null : new Date(`${spec.endDate ?? '2026-12-31'}T00:00:00Z`),
        serviceTierId: tierIds.get(spec.tier ?? 'Standard') ?? 0,
      },
      select: { id: true, name: true },
    });
    const equipment: CreatedContract['equipment'] = [];
    for (const [i, e] of (spec.equipment ?? []).entries()) {
      const item = await db.equipment.create({
        data: {
          contractId: contract.id,
          userId,
          kind: e.kind ?? 'CAMERA',
          model: e.model ?? 'SenseCam 4K',
          serial: `T-${contract.id}-${i + 1}`,
          location: e.location,
          installedAt: new Date(now - 100 * DAY),
          status: e.status ?? 'ONLINE',
        },
        select: { id: true },
      });
      const alerts: { id: number; message: string }[] = [];
      for (const a of e.alerts ?? []) {
        const raisedAt = new Date(now - a.daysAgo * DAY);
        const alert = await db.alert.create({
          data: {
            equipmentId: item.id,
            contractId: contract.id,
            userId,
            severity: a.severity ?? 'MEDIUM',
            message: a.message,
            raisedAt,
            acknowledgedAt: a.acknowledged ? new Date(raisedAt.getTime() + 600_000) : null,
            resolvedAt: a.resolved ? new Date(raisedAt.getTime() + 3_600_000) : null,
          },
          select: { id: true, message: true },
        });
        alerts.push(alert);
      }
      equipment.push({ id: item.id, alerts });
    }
    created.push({ ...contract, equipment });
  }
  return created;
}

/**
 * A customer with a bit of everything: 3 contracts (active, inactive,
 * suspended), 4 pieces of equipment (2 online, 1 offline, 1 faulty) and 5
 * alerts in the last 30 days, 3 of them active and 2 of those not acknowledged.
 */
export const SAMPLE_PORTFOLIO: ContractSpec[] = [
  {
    name: 'Head Office Monitoring',
    status: 'ACTIVE',
    tier: 'Premium',
    startDate: '2024-02-01',
    endDate: '2027-02-01',
    equipment: [
      {
        location: 'Front door',
        kind: 'CAMERA',
        status: 'ONLINE',
        alerts: [
          { message: 'Door forced open', severity: 'HIGH', daysAgo: 0.1 },
          { message: 'Motion after hours', severity: 'MEDIUM', daysAgo: 1.5, acknowledged: true },
          {
            message: 'Lens obstruction suspected',
            severity: 'LOW',
            daysAgo: 10,
            acknowledged: true,
            resolved: true,
          },
        ],
      },
      {
        location: 'Car park',
        kind: 'CAMERA',
        status: 'FAULTY',
        alerts: [
          { message: 'Camera offline: no video signal', severity: 'CRITICAL', daysAgo: 0.05 },
        ],
      },
    ],
  },
  {
    name: 'Warehouse Coverage',
    status: 'INACTIVE',
    tier: 'Standard',
    startDate: '2023-03-01',
    endDate: '2024-03-01',
    equipment: [
      {
        location: 'Loading dock',
        kind: 'SENSOR',
        model: 'Motion Sensor M3',
        status: 'OFFLINE',
        alerts: [
          {
            message: 'Sensor heartbeat lost',
            severity: 'MEDIUM',
            daysAgo: 20,
            acknowledged: true,
            resolved: true,
          },
        ],
      },
    ],
  },
  {
    name: 'Retail Store Access',
    status: 'SUSPENDED',
    tier: 'Basic',
    startDate: '2024-06-15',
    endDate: null,
    equipment: [{ location: 'Stock room', kind: 'LOCK', model: 'SmartLock Pro', status: 'ONLINE' }],
  },
];
