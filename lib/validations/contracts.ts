import { z } from 'zod';
import { pageOnlyQuery, paginationQuery } from './pagination';

/** The contracts feature's schemas: route params, filters and pagination, shared by pages, APIs and OpenAPI. */
export const CONTRACT_STATUSES = ['active', 'inactive', 'suspended', 'cancelled'] as const;
export const EQUIPMENT_KINDS = ['camera', 'sensor', 'panel', 'lock'] as const;
export const ALERT_FILTERS = ['active', 'resolved', 'all'] as const;

/** A positive integer id in the path; anything else (`abc`, `-1`, `1.5`, `1e3`) is a 400. */
export const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive integer')
  .transform(Number)
  .refine((n) => n <= 2_147_483_647, 'is out of range');

export const contractIdParams = z.object({ id: idParam });

export const contractsQuery = z
  .object({
    status: z
      .enum(CONTRACT_STATUSES)
      .optional()
      .meta({ description: 'Only contracts with this status' }),
    ...paginationQuery,
  })
  .strict();

export const equipmentQuery = pageOnlyQuery;

export const alertsQuery = z
  .object({
    status: z
      .enum(ALERT_FILTERS)
      .default('active')
      .meta({ description: '"active" means not resolved' }),
    contract_id: idParam.optional(),
    ...paginationQuery,
  })
  .strict();

export type ContractStatusFilter = (typeof CONTRACT_STATUSES)[number];
export type AlertFilter = (typeof ALERT_FILTERS)[number];

/** The contract page's "Acknowledge" form. */
export const acknowledgeAlertSchema = z.object({ alertId: idParam });
