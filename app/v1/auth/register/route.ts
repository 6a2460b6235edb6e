import { giggatekRegister } from '@/lib/api/giggatek/endpoints';
import { giggatekRegistration } from '@/lib/api/giggatek/sign-in';
import { registrationFromBody } from '@/lib/api/register';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekRegister, async ({ body, ip, userAgent }) => ({
  status: 201,
  body: await giggatekRegistration(
    'User registered successfully',
    registrationFromBody(body, ip),
    userAgent,
  ),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
