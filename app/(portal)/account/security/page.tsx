import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { SessionList } from '@/components/auth/session-list';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { describeDevice, describeSurface } from '@/lib/auth/describe-session';
import { requireSession } from '@/lib/auth/guards';
import { listActiveSessions } from '@/lib/auth/sessions';
import { isoSeconds, relativeTime } from '@/lib/format';
import { changePasswordAction, revokeOtherSessionsAction, revokeSessionAction } from './actions';

export const metadata: Metadata = { title: 'Account security' };

export default async function SecurityPage() {
  const session = await requireSession();
  const sessions = await listActiveSessions({
    userId: session.user.id,
    currentSessionId: session.id,
  });
  const rows = sessions.map((s) => ({
    handle: s.handle,
    device: describeDevice(s.userAgent),
    surface: describeSurface(s.surface),
    ip: s.ip ?? 'unknown address',
    lastSeen: relativeTime(s.lastSeenAt),
    signedIn: relativeTime(s.createdAt),
    lastSeenIso: isoSeconds(s.lastSeenAt),
    current: s.current,
  }));
  return (
    <>
      <PageHeader
        title="Account security"
        description="Your password and where you are signed in."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Change password" description="Changing it signs out every other session.">
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <Card
          title="Active sessions"
          description="Browsers and API clients signed in to your account."
        >
          <SessionList
            sessions={rows}
            revokeAction={revokeSessionAction}
            revokeOthersAction={revokeOtherSessionsAction}
          />
        </Card>
      </div>
    </>
  );
}
