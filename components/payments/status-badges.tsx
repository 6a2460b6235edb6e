import { Badge, enumLabel, statusBadge, type BadgeTone } from '@/components/ui/badge';
import type { LicenseRow, PurchaseRow } from '@/lib/payments/views';

export const PurchaseStatusBadge = statusBadge<PurchaseRow['status']>({
  COMPLETED: 'green',
  REFUNDED: 'slate',
  DISPUTED: 'red',
});

export const LicenseStatusBadge = statusBadge<LicenseRow['status']>({
  ACTIVE: 'green',
  SUSPENDED: 'amber',
  REVOKED: 'red',
});

const invoiceTones: Record<string, BadgeTone> = {
  paid: 'green',
  open: 'blue',
  draft: 'slate',
  void: 'slate',
  uncollectible: 'red',
};

/** Stripe's invoice status; one this table does not know is slate. */
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
