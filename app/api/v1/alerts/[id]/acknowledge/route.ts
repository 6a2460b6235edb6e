import { v1AcknowledgeAlert } from '@/lib/api/v1/contracts';
import { v1Ok } from '@/lib/api/v1/envelope';
import { acknowledgeAlert } from '@/lib/contracts/acknowledge-alert';
import { isoSeconds } from '@/lib/format';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1AcknowledgeAlert, async ({ session, params }) => {
  const { acknowledgedAt } = await acknowledgeAlert({
    userId: session.user.id,
    alertId: params.id,
  });
  return {
    body: v1Ok('Alert acknowledged', {
      id: params.id,
      acknowledged_at: isoSeconds(acknowledgedAt),
    }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
