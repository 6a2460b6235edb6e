import { redirect } from 'next/navigation';
import { requireSession } from '@/lib/auth/guards';

export default async function AccountPage() {
  await requireSession();
  redirect('/account/profile');
}
