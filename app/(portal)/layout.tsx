import { UnverifiedEmailBanner } from '@/components/auth/unverified-email-banner';
import { PortalNav } from '@/components/layout/portal-nav';
import { resendVerificationAction } from '@/app/(public)/verify-email/actions';
import { isEmailVerified } from '@/lib/accounts/users';
import { requireSession } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  const name = `${session.user.firstName} ${session.user.lastName}`.trim();
  const verified = await isEmailVerified(session.user.id);
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <PortalNav userName={name} staff={can(session.user, 'VIEW_ALL_TICKETS')} />
      {verified ? null : (
        <UnverifiedEmailBanner email={session.user.email} resend={resendVerificationAction} />
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
