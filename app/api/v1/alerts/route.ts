import { presentAlert, v1Alerts } from '@/lib/api/v1/contracts';
import { v1ListRoute } from '@/lib/api/v1/list-route';
import { listAlerts } from '@/lib/contracts/read';

export const { GET, POST, PUT, PATCH, DELETE } = v1ListRoute(
  v1Alerts,
  'Alerts',
  (caller, { query }) =>
    listAlerts({ ...caller, status: query.status, contractId: query.contract_id }),
  presentAlert,
);
