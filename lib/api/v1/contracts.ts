import { z } from 'zod';
import type { AlertItem, ContractSummary, Dashboard, EquipmentItem } from '@/lib/contracts/read';
import { isoDate, isoSeconds } from '@/lib/format';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { endpointGroup } from '@/lib/http/endpoint-group';
import {
  CONTRACT_STATUSES,
  EQUIPMENT_KINDS,
  alertsQuery,
  contractIdParams,
  contractsQuery,
  equipmentQuery,
} from '@/lib/validations/contracts';
import { lower, PAGINATION_NOTE, v1Answer, v1Errors, v1PageAnswer } from './envelope';

/** /api/v1 contracts, equipment, alerts and the dashboard: specs and the shapes they answer with. */

const tierSchema = z
  .object({ name: z.string(), features: z.array(z.string()) })
  .meta({ id: 'ServiceTier' });

/** A contract's service tier as its own answer (here and on document 1's /client surface). */
export const serviceTierSchema = z.object({ tier: z.string(), features: z.array(z.string()) });

const contractSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    status: z.enum(CONTRACT_STATUSES),
    start_date: z.string().meta({ description: 'YYYY-MM-DD' }),
    end_date: z.string().nullable().meta({ description: 'YYYY-MM-DD, or null when open-ended' }),
    service_tier: tierSchema,
  })
  .meta({ id: 'Contract' });

const equipmentSchema = z
  .object({
    id: z.number().int(),
    contract_id: z.number().int(),
    kind: z.enum(EQUIPMENT_KINDS),
    model: z.string(),
    serial: z.string(),
    location: z.string(),
    installed_at: z.string(),
    status: z.enum(['online', 'offline', 'faulty']),
  })
  .meta({ id: 'Equipment' });

const alertSchema = z
  .object({
    id: z.number().int(),
    contract_id: z.number().int(),
    contract_name: z.string(),
    equipment_id: z.number().int(),
    equipment_kind: z.enum(EQUIPMENT_KINDS),
    equipment_location: z.string(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    message: z.string(),
    raised_at: z.string(),
    acknowledged_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
  })
  .meta({ id: 'Alert' });

export function presentContract(c: ContractSummary) {
  return {
    id: c.id,
    name: c.name,
    status: lower(c.status),
    start_date: isoDate(c.startDate),
    end_date: c.endDate ? isoDate(c.endDate) : null,
    service_tier: { name: c.tier.name, features: c.tier.features },
  };
}

export function presentEquipment(e: EquipmentItem) {
  return {
    id: e.id,
    contract_id: e.contractId,
    kind: lower(e.kind),
    model: e.model,
    serial: e.serial,
    location: e.location,
    installed_at: isoSeconds(e.installedAt),
    status: lower(e.status),
  };
}

export function presentAlert(a: AlertItem) {
  return {
    id: a.id,
    contract_id: a.contractId,
    contract_name: a.contractName,
    equipment_id: a.equipmentId,
    equipment_kind: lower(a.equipmentKind),
    equipment_location: a.equipmentLocation,
    severity: lower(a.severity),
    message: a.message,
    raised_at: isoSeconds(a.raisedAt),
    acknowledged_at: isoSeconds(a.acknowledgedAt),
    resolved_at: isoSeconds(a.resolvedAt),
  };
}

export function presentDashboard(d: Dashboard) {
  return {
    contract_count: d.contractCount,
    equipment_count: d.equipmentCount,
    active_alerts: d.activeAlerts,
    unacknowledged_alerts: d.unacknowledgedAlerts,
    equipment_by_status: {
      online: d.equipmentByStatus.ONLINE,
      offline: d.equipmentByStatus.OFFLINE,
      faulty: d.equipmentByStatus.FAULTY,
    },
    alerts_per_day: d.alertsPerDay,
    recent_alerts: d.recentAlerts.map(presentAlert),
  };
}

const { 400: e400, 404: e404 } = v1Errors;
/** What a read of the caller's own objects answers besides its success (and the standard 401/403/429). */
const read = { 400: e400, 404: e404 };
const define = endpointGroup('v1', ['Contracts (v1)']);

export const v1Dashboard = define({
  operationId: 'v1Dashboard',
  method: 'GET',
  path: '/api/v1/dashboard',
  summary: 'Counts, alerts per day (30 days), equipment by status and the latest active alerts',
  description: '"Active" alerts are those not yet resolved.',
  responses: {
    200: v1Answer(
      'Dashboard',
      z.object({
        contract_count: z.number().int(),
        equipment_count: z.number().int(),
        active_alerts: z.number().int(),
        unacknowledged_alerts: z.number().int(),
        equipment_by_status: z.object({
          online: z.number().int(),
          offline: z.number().int(),
          faulty: z.number().int(),
        }),
        alerts_per_day: z.array(z.object({ date: z.string(), count: z.number().int() })),
        recent_alerts: z.array(alertSchema),
      }),
    ),
  },
});

export const v1Contracts = define({
  operationId: 'v1ListContracts',
  method: 'GET',
  path: '/api/v1/contracts',
  summary: "The customer's contracts",
  description: `Ordered by id; filter with \`status\`.${PAGINATION_NOTE}`,
  query: contractsQuery,
  responses: { 200: v1PageAnswer('Contracts', contractSchema), ...read },
});

/** The path's `{id}`: one of the caller's contracts. */
const ownContract = { params: contractIdParams, ownedResource: 'contract' } as const;

export const v1Contract = define({
  operationId: 'v1GetContract',
  method: 'GET',
  path: '/api/v1/contracts/{id}',
  summary: 'One contract',
  ...ownContract,
  responses: { 200: v1Answer('Contract', contractSchema), ...read },
});

export const v1ServiceTier = define({
  operationId: 'v1GetServiceTier',
  method: 'GET',
  path: '/api/v1/contracts/{id}/service-tier',
  summary: "A contract's service tier and its features",
  ...ownContract,
  responses: { 200: v1Answer('Service tier', serviceTierSchema), ...read },
});

export const v1Equipment = define({
  operationId: 'v1ListEquipment',
  method: 'GET',
  path: '/api/v1/contracts/{id}/equipment',
  summary: "A contract's equipment",
  description: `Ordered by id.${PAGINATION_NOTE}`,
  ...ownContract,
  query: equipmentQuery,
  responses: { 200: v1PageAnswer('Equipment', equipmentSchema), ...read },
});

export const v1Alerts = define({
  operationId: 'v1ListAlerts',
  method: 'GET',
  path: '/api/v1/alerts',
  summary: "The customer's alerts",
  description: `Newest first. \`status\`: active (not resolved, the default), resolved or all; \`contract_id\` narrows to one contract.${PAGINATION_NOTE}`,
  query: alertsQuery,
  responses: { 200: v1PageAnswer('Alerts', alertSchema), ...read },
});

export const v1AcknowledgeAlert = define({
  operationId: 'v1AcknowledgeAlert',
  method: 'POST',
  path: '/api/v1/alerts/{id}/acknowledge',
  summary: 'Acknowledge an alert',
  description: 'Idempotent: acknowledging again keeps the first time. Send no body.',
  params: contractIdParams,
  ownedResource: 'alert',
  responses: {
    200: v1Answer('Acknowledged', z.object({ id: z.number().int(), acknowledged_at: z.string() })),
    ...read,
  },
});

export const v1ContractEndpoints: EndpointSpec[] = [
  v1Dashboard,
  v1Contracts,
  v1Contract,
  v1ServiceTier,
  v1Equipment,
  v1Alerts,
  v1AcknowledgeAlert,
];
