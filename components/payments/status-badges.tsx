import { Badge, type BadgeTone } from '@/components/ui/badge';

const purchaseTones: Record<string, BadgeTone> = {
  COMPLETED: 'green',
  REFUNDED: 'slate',
  DISPUTED: 'red',
};

const licenseTones: Record<string, BadgeTone> = {
  ACTIVE: 'green',
  SUSPENDED: 'amber',
  REVOKED: 'red',
};

const invoiceTones: Record<string, BadgeTone> = {
  paid: 'green',
  open: 'blue',
  draft: 'slate',
  void: 'slate',
  uncollectible: 'red',
};

/** `COMPLETED` or `paid` → `Completed` / `Paid`. */
export function statusLabel(value: string): string {
  const lower = value.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function PurchaseStatusBadge({ status }: { status: string }) {
  return <Badge tone={purchaseTones[status] ?? 'slate'}>{statusLabel(status)}</Badge>;
}

export function LicenseStatusBadge({ status }: { status: string }) {
  return <Badge tone={licenseTones[status] ?? 'slate'}>{statusLabel(status)}</Badge>;
}

export function InvoiceStatusBadge({ status }: { status: string }) {
  return <Badge tone={invoiceTones[status] ?? 'slate'}>{statusLabel(status)}</Badge>;
}

/** Why a license is not active, in the customer's words. */
export function licenseExplanation(license: {
  status: string;
  suspendReason: string | null;
}): string | null {
  if (license.status === 'SUSPENDED') {
    const why =
      license.suspendReason === 'refunded'
        ? 'because its payment was refunded'
        : license.suspendReason === 'disputed'
          ? 'because its payment is disputed with your bank'
          : 'by Sense Security';
    return `Suspended ${why}: downloads under this key are stopped. Contact support if this is unexpected.`;
  }
  if (license.status === 'REVOKED') return 'Revoked: this key no longer works.';
  return null;
}
