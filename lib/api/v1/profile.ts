import { z } from 'zod';
import type { Profile } from '@/lib/accounts/profile';
import { isoSeconds } from '@/lib/format';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { endpointGroup } from '@/lib/http/endpoint-group';
import { profileUpdateSchema } from '@/lib/validations/profile';
import { v1Answer, v1Errors } from './envelope';

const profileSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    address: z.string().nullable(),
    name_on_contract: z.string().nullable(),
    is_active: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: 'Profile' });

export function presentProfile(p: Profile) {
  return {
    id: p.id,
    email: p.email,
    name: `${p.firstName} ${p.lastName}`.trim(),
    first_name: p.firstName,
    last_name: p.lastName,
    phone: p.phone,
    company: p.company,
    address: p.address,
    name_on_contract: p.nameOnContract,
    is_active: p.active,
    created_at: isoSeconds(p.createdAt),
  };
}

const { 400: e400 } = v1Errors;
const define = endpointGroup('v1', ['Profile (v1)']);

export const v1GetProfile = define({
  operationId: 'v1GetProfile',
  method: 'GET',
  path: '/api/v1/profile',
  summary: "The customer's profile",
  responses: { 200: v1Answer('Profile', profileSchema) },
});

export const v1UpdateProfile = define({
  operationId: 'v1UpdateProfile',
  method: 'PUT',
  path: '/api/v1/profile',
  summary: 'Update name, phone and company',
  description:
    'Document 2: `name` (the full name; the last word becomes the last name), `phone`, `company`. Any other field, read-only ones such as `email`, `address` or `name_on_contract` included, is refused with 400.',
  body: profileUpdateSchema,
  responses: { 200: v1Answer('Profile updated', profileSchema), 400: e400 },
});

export const v1ProfileEndpoints: EndpointSpec[] = [v1GetProfile, v1UpdateProfile];
