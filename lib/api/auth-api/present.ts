import { lower } from '@/lib/api/v1/envelope';

/** Document 3's user: a string id, the e-mail and the role. */
export function presentAuthApiUser(user: {
  id: number;
  email: string;
  role: 'CUSTOMER' | 'SUPPORT_AGENT' | 'ADMIN';
}) {
  return { id: String(user.id), email: user.email, role: lower(user.role) };
}
