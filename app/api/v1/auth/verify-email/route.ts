import { v1VerifyEmail } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { verifyEmail } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1VerifyEmail, async ({ body }) => {
  await verifyEmail({ token: body.token });
  return { body: v1Ok('Email verified') };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
