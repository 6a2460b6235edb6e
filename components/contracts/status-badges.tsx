import type { AlertSeverity, ContractStatus, EquipmentStatus } from '@/lib/contracts/read';
import { statusBadge } from '@/components/ui/badge';

export const ContractStatusBadge = statusBadge<ContractStatus>({
  ACTIVE: 'green',
  INACTIVE: 'slate',
  SUSPENDED: 'amber',
  CANCELLED: 'red',
});

export const EquipmentStatusBadge = statusBadge<EquipmentStatus>({
  ONLINE: 'green',
  OFFLINE: 'slate',
  FAULTY: 'red',
});

const SeverityStatusBadge = statusBadge<AlertSeverity>({
  LOW: 'blue',
  MEDIUM: 'amber',
  HIGH: 'orange',
  CRITICAL: 'red',
});

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <SeverityStatusBadge status={severity} />;
}
