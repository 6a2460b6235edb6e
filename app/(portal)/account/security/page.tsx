import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { SessionList } from '@/components/auth/session-list';
import { PageHeader } from '@/components/layout/page-header';
import { textLinkClass } from '@/components/ui/button-class';
import { Card } from '@/components/ui/card';
import { RowActionForm } from '@/components/ui/row-action-form';
import { listLinkedAccounts } from '@/lib/accounts/linked-accounts';
import { hasPassword } from '@/lib/accounts/users';
import { describeDevice, describeSurface } from '@/lib/auth/describe-session';
import { requireSession } from '@/lib/auth/guards';
import { listActiveSessions } from '@/lib/auth/sessions';
import { getEnv } from '@/lib/env';
import { isoSeconds, relativeTime } from '@/lib/format';
import {
  changePasswordAction,
  revokeOtherSessionsAction,
  revokeSessionAction,
  unlinkProviderAction,
} from './actions';

export const metadata: Metadata = { title: 'Account security' };

/** The name an identity's issuer goes by: the configured provider's, or its host. */
function providerName(issuer: string): string {
  const oidc = getEnv().oidc;
  const canonical = (url: string) => (URL.canParse(url) ? new URL(url).href : url);
  if (oidc && canonical(oidc.issuer) === canonical(issuer)) return oidc.name;
  return URL.canParse(issuer) ? new URL(issuer).host : issuer;
}

export default async function SecurityPage() {
  const session = await requireSession();
  const [sessions, passwordSet, linked] = await Promise.all([
    listActiveSessions({ userId: session.user.id, currentSessionId: session.id }),
    hasPassword(session.user.id),
    listLinkedAccounts(session.user.id),
  ]);
  // Removing the one provider of an account without a password would lock its owner out.
  const lastWayIn = !passwordSet && linked.length === 1;
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
        {passwordSet ? (
          <Card title="Change password" description="Changing it signs out every other session.">
            <ChangePasswordForm action={changePasswordAction} />
          </Card>
        ) : (
          <Card title="Password" description="Your account has no password yet.">
            <p className="text-sm text-slate-600 dark:text-slate-300">
              You sign in through{' '}
              {linked.map((l) => providerName(l.issuer)).join(', ') || 'your identity provider'}. To
              sign in with a password as well, set one through{' '}
              <Link href="/forgot-password" className={textLinkClass}>
                Forgot password
              </Link>
              : we mail a link to {session.user.email}.
            </p>
          </Card>
        )}
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
        {linked.length > 0 ? (
          <Card
            title="Sign-in providers"
            description={
              lastWayIn
                ? 'Your only way in: set a password before you remove it.'
                : 'Identity providers that can sign in to this account.'
            }
          >
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
              {linked.map((l) => (
                <li key={l.id} className="flex items-center justify-between gap-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{providerName(l.issuer)}</p>
                    <p className="break-words text-slate-600 dark:text-slate-300">
                      {l.email} · linked {relativeTime(l.createdAt)}
                      {l.lastSignInAt ? ` · last used ${relativeTime(l.lastSignInAt)}` : ''}
                    </p>
                  </div>
                  {lastWayIn ? null : (
                    <RowActionForm
                      action={unlinkProviderAction}
                      name="linkId"
                      value={l.id}
                      pendingText="Removing…"
                      label={`Remove ${providerName(l.issuer)}`}
                    >
                      Remove
                    </RowActionForm>
                  )}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
