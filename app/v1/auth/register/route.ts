import { giggatekRegister } from '@/lib/api/giggatek/endpoints';
import { giggatekSignIn } from '@/lib/api/giggatek/sign-in';
import { registerAccount } from '@/lib/accounts/lifecycle';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekRegister, async ({ body, ip, userAgent }) => {
  await registerAccount({
    email: body.email,
    password: body.password,
    firstName: body.first_name,
    lastName: body.last_name,
    phone: body.phone,
    ip,
  });
  const credentials = { email: body.email, password: body.password, ip, userAgent };
  return { status: 201, body: await giggatekSignIn('User registered successfully', credentials) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
