import { v1ResendVerification } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { resendVerification } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1ResendVerification, async ({ session }) => {
  await resendVerification({ userId: session.user.id });
  return { body: v1Ok('Verification email sent') };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
