import type { AlertSeverity, ContractStatus, EquipmentStatus } from '@/lib/contracts/read';
import { Badge, enumLabel, type BadgeTone } from '@/components/ui/badge';

const contractTones: Record<ContractStatus, BadgeTone> = {
  ACTIVE: 'green',
  INACTIVE: 'slate',
  SUSPENDED: 'amber',
  CANCELLED: 'red',
};

const equipmentTones: Record<EquipmentStatus, BadgeTone> = {
  ONLINE: 'green',
  OFFLINE: 'slate',
  FAULTY: 'red',
};

const severityTones: Record<AlertSeverity, BadgeTone> = {
  LOW: 'blue',
  MEDIUM: 'amber',
  HIGH: 'orange',
  CRITICAL: 'red',
};

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return <Badge tone={contractTones[status]}>{enumLabel(status)}</Badge>;
}

export function EquipmentStatusBadge({ status }: { status: EquipmentStatus }) {
  return <Badge tone={equipmentTones[status]}>{enumLabel(status)}</Badge>;
}

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={severityTones[severity]}>{enumLabel(severity)}</Badge>;
}
