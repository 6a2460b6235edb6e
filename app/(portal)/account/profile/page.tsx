import type { Metadata } from 'next';
import { ProfileForm } from '@/components/account/profile-form';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateText } from '@/components/ui/date';
import { getProfile } from '@/lib/accounts/profile';
import { requireSession } from '@/lib/auth/guards';
import { updateProfileAction } from './actions';

export const metadata: Metadata = { title: 'Profile' };

const notSet = <span className="text-slate-400 dark:text-slate-500">Not on file</span>;

export default async function ProfilePage() {
  const session = await requireSession();
  const profile = await getProfile(session.user.id);
  return (
    <>
      <PageHeader title="Profile" description="How we reach you, and what your contract says." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Your details" description="You can change these at any time.">
          <ProfileForm
            action={updateProfileAction}
            initial={{
              firstName: profile.firstName,
              lastName: profile.lastName,
              phone: profile.phone ?? '',
              company: profile.company ?? '',
            }}
          />
        </Card>
        <Card
          title="Contract details"
          description="These come from your contract. To change them, contact support."
        >
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-y-3">
            <dt className="text-slate-500 dark:text-slate-400">Customer ID</dt>
            <dd className="mb-2 sm:mb-0">{profile.id}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Name on contract</dt>
            <dd className="mb-2 break-words sm:mb-0">{profile.nameOnContract ?? notSet}</dd>
            <dt className="text-slate-500 dark:text-slate-400">E-mail</dt>
            <dd className="mb-2 break-all sm:mb-0">{profile.email}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Address</dt>
            <dd className="mb-2 break-words whitespace-pre-line sm:mb-0">
              {profile.address ?? notSet}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Status</dt>
            <dd className="mb-2 sm:mb-0">
              {profile.active ? (
                <Badge tone="green">Active</Badge>
              ) : (
                <Badge tone="slate">Inactive</Badge>
              )}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Member since</dt>
            <dd>
              <DateText date={profile.createdAt} />
            </dd>
          </dl>
        </Card>
      </div>
    </>
  );
}
