import type { Metadata } from 'next';
import { AuthPage } from '@/components/auth/auth-page';
import { EndSessionsForm } from '@/components/auth/end-sessions-form';
import { Alert } from '@/components/ui/alert';
import { linkToken, type QueryPageProps } from '@/lib/http/search-params';
import { endSessionsAction } from './actions';

export const metadata: Metadata = { title: 'End all sessions' };

/**
 * Opened from a security e-mail. Opening it changes nothing: the button's POST ends every session.
 * Served with `Referrer-Policy: no-referrer` (next.config.js).
 */
export default async function EndSessionsPage({ searchParams }: QueryPageProps) {
  const token = await linkToken(searchParams);
  return (
    <AuthPage title="End all sessions">
      {token ? (
        <EndSessionsForm action={endSessionsAction} token={token} />
      ) : (
        <Alert tone="error">This link is incomplete. Open it again from the e-mail.</Alert>
      )}
    </AuthPage>
  );
}
