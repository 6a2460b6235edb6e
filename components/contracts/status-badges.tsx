import type { AlertSeverity, ContractStatus, EquipmentStatus } from '@/lib/contracts/read';
import { Badge, type BadgeTone } from '@/components/ui/badge';

/** `FAULTY` → `Faulty`. */
export function label(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}

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
  return <Badge tone={contractTones[status]}>{label(status)}</Badge>;
}

export function EquipmentStatusBadge({ status }: { status: EquipmentStatus }) {
  return <Badge tone={equipmentTones[status]}>{label(status)}</Badge>;
}

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={severityTones[severity]}>{label(severity)}</Badge>;
}
