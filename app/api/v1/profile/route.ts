import { getProfile, updateProfile } from '@/lib/accounts/profile';
import { v1Ok } from '@/lib/api/v1/envelope';
import { presentProfile, v1GetProfile, v1UpdateProfile } from '@/lib/api/v1/profile';
import { methods, route } from '@/lib/http/handler';
import { splitFullName } from '@/lib/validations/profile';

const get = route(v1GetProfile, async ({ session }) => ({
  body: v1Ok('Profile', presentProfile(await getProfile(session.user.id))),
}));

const put = route(v1UpdateProfile, async ({ session, body }) => {
  const profile = await updateProfile({
    userId: session.user.id,
    ...(body.name !== undefined ? splitFullName(body.name) : {}),
    phone: body.phone,
    company: body.company,
  });
  return { body: v1Ok('Profile updated', presentProfile(profile)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: get, PUT: put });
