import { giggatekLogin } from '@/lib/api/giggatek/endpoints';
import { giggatekSignIn } from '@/lib/api/giggatek/sign-in';
import { methods, route } from '@/lib/http/handler';

const handler = route(giggatekLogin, async ({ body, ip, userAgent }) => ({
  body: await giggatekSignIn('Login successful', { ...body, ip, userAgent }),
}));

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
