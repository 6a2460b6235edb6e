import 'server-only';
import { db } from '@/lib/db/client';
import type {
  AlertSeverity,
  ContractStatus,
  EquipmentKind,
  EquipmentStatus,
} from '@/lib/db/generated/enums';
import { notFound } from '@/lib/errors';
import type { AlertFilter, ContractStatusFilter } from '@/lib/validations/contracts';
import { readPage, type OwnerPage, type Page } from '@/lib/pagination';

/**
 * Reads of a customer's contracts, equipment and alerts. Every query filters
 * by the owner, so another customer's id is indistinguishable from a missing
 * one (404). Each function runs a fixed number of queries whatever the
 * customer owns (no N+1).
 */
export type { AlertSeverity, ContractStatus, EquipmentKind, EquipmentStatus };

export interface TierSummary {
  name: string;
  features: string[];
}

export interface ContractSummary {
  id: number;
  name: string;
  status: ContractStatus;
  startDate: Date;
  endDate: Date | null;
  tier: TierSummary;
}

export interface EquipmentItem {
  id: number;
  contractId: number;
  kind: EquipmentKind;
  model: string;
  serial: string;
  location: string;
  installedAt: Date;
  status: EquipmentStatus;
}

export interface AlertItem {
  id: number;
  contractId: number;
  contractName: string;
  equipmentId: number;
  equipmentKind: EquipmentKind;
  equipmentLocation: string;
  severity: AlertSeverity;
  message: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

const contractSelect = {
  id: true,
  name: true,
  status: true,
  startDate: true,
  endDate: true,
  serviceTier: { select: { name: true, features: true } },
} as const;

const alertSelect = {
  id: true,
  contractId: true,
  equipmentId: true,
  severity: true,
  message: true,
  raisedAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
  contract: { select: { name: true } },
  equipment: { select: { kind: true, location: true } },
} as const;

type ContractRow = {
  id: number;
  name: string;
  status: ContractStatus;
  startDate: Date;
  endDate: Date | null;
  serviceTier: TierSummary;
};

type AlertRow = Omit<AlertItem, 'contractName' | 'equipmentKind' | 'equipmentLocation'> & {
  contract: { name: string };
  equipment: { kind: EquipmentKind; location: string };
};

function toContract(row: ContractRow): ContractSummary {
  const { serviceTier, ...rest } = row;
  return { ...rest, tier: serviceTier };
}

/** An equipment row as the customer sees it: without the owner it is filtered by. */
function withoutOwner<T extends { userId: number }>({
  userId: _owner,
  ...item
}: T): Omit<T, 'userId'> {
  return item;
}

function toAlert(row: AlertRow): AlertItem {
  const { contract, equipment, ...rest } = row;
  return {
    ...rest,
    contractName: contract.name,
    equipmentKind: equipment.kind,
    equipmentLocation: equipment.location,
  };
}

export function listContracts(
  input: OwnerPage & { status?: ContractStatusFilter },
): Promise<Page<ContractSummary>> {
  const where = {
    userId: input.userId,
    ...(input.status ? { status: input.status.toUpperCase() as ContractStatus } : {}),
  };
  return readPage(
    input,
    async (window) =>
      (
        await db.contract.findMany({
          where,
          select: contractSelect,
          orderBy: { id: 'asc' },
          ...window,
        })
      ).map(toContract),
    () => db.contract.count({ where }),
  );
}

export async function getContract(input: {
  userId: number;
  contractId: number;
}): Promise<ContractSummary> {
  const row = await db.contract.findFirst({
    where: { id: input.contractId, userId: input.userId },
    select: contractSelect,
  });
  if (!row) throw notFound('Contract not found');
  return toContract(row);
}

export interface ContractDetail extends ContractSummary {
  equipment: EquipmentItem[];
  alerts: AlertItem[];
}

const DETAIL_LIMIT = 200;

/** The contract page: the contract, its equipment and its most recent alerts, in three queries. */
export async function getContractDetail(input: {
  userId: number;
  contractId: number;
}): Promise<ContractDetail> {
  const where = { contractId: input.contractId, userId: input.userId };
  const [contract, equipment, alerts] = await Promise.all([
    getContract(input),
    db.equipment.findMany({ where, orderBy: { id: 'asc' }, take: DETAIL_LIMIT }),
    db.alert.findMany({
      where,
      select: alertSelect,
      orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
      take: DETAIL_LIMIT,
    }),
  ]);
  return {
    ...contract,
    equipment: equipment.map(withoutOwner),
    alerts: alerts.map(toAlert),
  };
}

export async function listEquipment(
  input: OwnerPage & { contractId: number },
): Promise<Page<EquipmentItem>> {
  await getContract(input);
  const where = { contractId: input.contractId, userId: input.userId };
  return readPage(
    input,
    async (window) =>
      (await db.equipment.findMany({ where, orderBy: { id: 'asc' }, ...window })).map(withoutOwner),
    () => db.equipment.count({ where }),
  );
}

export function listAlerts(
  input: OwnerPage & { status: AlertFilter; contractId?: number },
): Promise<Page<AlertItem>> {
  const where = {
    userId: input.userId,
    ...(input.contractId ? { contractId: input.contractId } : {}),
    ...(input.status === 'active' ? { resolvedAt: null } : {}),
    ...(input.status === 'resolved' ? { resolvedAt: { not: null } } : {}),
  };
  return readPage(
    input,
    async (window) =>
      (
        await db.alert.findMany({
          where,
          select: alertSelect,
          orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
          ...window,
        })
      ).map(toAlert),
    () => db.alert.count({ where }),
  );
}

export interface Dashboard {
  contractCount: number;
  equipmentCount: number;
  activeAlerts: number;
  unacknowledgedAlerts: number;
  equipmentByStatus: Record<EquipmentStatus, number>;
  /** The last 30 days, oldest first, every day present (zero when quiet). */
  alertsPerDay: { date: string; count: number }[];
  recentAlerts: AlertItem[];
}

const DAYS = 30;

interface DashboardCounts {
  contracts: number;
  online: number;
  offline: number;
  faulty: number;
  active: number;
  unacknowledged: number;
}

/**
 * Five queries, whatever the customer owns: the counts in one statement (each
 * an index-only count), the alerts per day, and the five latest active alerts
 * (which Prisma loads with their contract and equipment).
 */
/** The dashboard's counts alone, in one statement (document 1's `/client/dashboard` needs no more). */
export async function getDashboardCounts(
  userId: number,
): Promise<
  Pick<
    Dashboard,
    | 'contractCount'
    | 'equipmentCount'
    | 'activeAlerts'
    | 'unacknowledgedAlerts'
    | 'equipmentByStatus'
  >
> {
  const [totals] = await db.$queryRaw<DashboardCounts[]>`
      SELECT
        (SELECT count(*)::int FROM contracts WHERE user_id = ${userId}) AS contracts,
        (SELECT count(*)::int FROM equipment WHERE user_id = ${userId} AND status = 'ONLINE') AS online,
        (SELECT count(*)::int FROM equipment WHERE user_id = ${userId} AND status = 'OFFLINE') AS offline,
        (SELECT count(*)::int FROM equipment WHERE user_id = ${userId} AND status = 'FAULTY') AS faulty,
        (SELECT count(*)::int FROM alerts WHERE user_id = ${userId} AND resolved_at IS NULL) AS active,
        (SELECT count(*)::int FROM alerts
          WHERE user_id = ${userId} AND resolved_at IS NULL AND acknowledged_at IS NULL) AS unacknowledged`;
  const t = totals ?? {
    contracts: 0,
    online: 0,
    offline: 0,
    faulty: 0,
    active: 0,
    unacknowledged: 0,
  };
  return {
    contractCount: t.contracts,
    equipmentCount: t.online + t.offline + t.faulty,
    activeAlerts: t.active,
    unacknowledgedAlerts: t.unacknowledged,
    equipmentByStatus: { ONLINE: t.online, OFFLINE: t.offline, FAULTY: t.faulty },
  };
}

export async function getDashboard(userId: number, now: Date = new Date()): Promise<Dashboard> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (DAYS - 1) * 86_400_000);
  const [counts, perDay, recent] = await Promise.all([
    getDashboardCounts(userId),
    db.$queryRaw<{ day: string; count: number }[]>`
      SELECT to_char(raised_at::date, 'YYYY-MM-DD') AS day, count(*)::int AS count
        FROM alerts
       WHERE user_id = ${userId} AND raised_at >= ${since}
       GROUP BY raised_at::date`,
    db.alert.findMany({
      where: { userId, resolvedAt: null },
      select: alertSelect,
      orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
      take: 5,
    }),
  ]);
  const byDay = new Map(perDay.map((r) => [r.day, Number(r.count)]));
  const alertsPerDay = Array.from({ length: DAYS }, (_, i) => {
    const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { date, count: byDay.get(date) ?? 0 };
  });
  return { ...counts, alertsPerDay, recentAlerts: recent.map(toAlert) };
}
