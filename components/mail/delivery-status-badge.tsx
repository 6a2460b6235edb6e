import { statusBadge } from '@/components/ui/badge';
import type { NotificationStatus } from '@/lib/mail/notifications';

/** Where an e-mail stands: queued, sent, or failed or bounced. */
export const DeliveryStatusBadge = statusBadge<NotificationStatus>({
  QUEUED: 'amber',
  SENT: 'green',
  FAILED: 'red',
  BOUNCED: 'red',
});
