import { giggatekRegister } from '@/lib/api/giggatek/endpoints';
import { giggatekSignIn } from '@/lib/api/giggatek/sign-in';
import { registerFromBody } from '@/lib/api/register';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekRegister, async ({ body, ip, userAgent }) => {
  await registerFromBody(body, ip);
  const credentials = { email: body.email, password: body.password, ip, userAgent };
  return { status: 201, body: await giggatekSignIn('User registered successfully', credentials) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
