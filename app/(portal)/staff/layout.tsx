import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/guards';
import { can } from '@/lib/auth/permissions';

/**
 * Every /staff page is for support agents and administrators. To anyone else it is the same 404
 * as a page that does not exist, decided here, above the pages' loading skeletons, so the status
 * is a real 404 before anything streams.
 */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  if (!can(session.user, 'VIEW_ALL_TICKETS')) notFound();
  return children;
}
