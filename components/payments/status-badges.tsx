import { Badge, enumLabel, type BadgeTone } from '@/components/ui/badge';
import type { LicenseRow, PurchaseRow } from '@/lib/payments/views';

const purchaseTones: Record<PurchaseRow['status'], BadgeTone> = {
  COMPLETED: 'green',
  REFUNDED: 'slate',
  DISPUTED: 'red',
};

const licenseTones: Record<LicenseRow['status'], BadgeTone> = {
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

export function PurchaseStatusBadge({ status }: { status: PurchaseRow['status'] }) {
  return <Badge tone={purchaseTones[status]}>{enumLabel(status)}</Badge>;
}

export function LicenseStatusBadge({ status }: { status: LicenseRow['status'] }) {
  return <Badge tone={licenseTones[status]}>{enumLabel(status)}</Badge>;
}

export function InvoiceStatusBadge({ status }: { status: string }) {
  return <Badge tone={invoiceTones[status] ?? 'slate'}>{enumLabel(status)}</Badge>;
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
