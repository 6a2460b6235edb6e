import { presentEquipment, v1Equipment } from '@/lib/api/v1/contracts';
import { v1ListRoute } from '@/lib/api/v1/list-route';
import { listEquipment } from '@/lib/contracts/read';

export const { GET, POST, PUT, PATCH, DELETE } = v1ListRoute(
  v1Equipment,
  'Equipment',
  (caller, { params }) => listEquipment({ ...caller, contractId: params.id }),
  presentEquipment,
);
