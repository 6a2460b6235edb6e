import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';

export interface Profile {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  company: string | null;
  address: string | null;
  nameOnContract: string | null;
  active: boolean;
  createdAt: Date;
}

const profileSelect = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  phone: true,
  company: true,
  address: true,
  nameOnContract: true,
  active: true,
  createdAt: true,
} as const;

export async function getProfile(userId: number): Promise<Profile> {
  const user = await db.user.findUnique({ where: { id: userId }, select: profileSelect });
  if (!user) throw notFound('Account not found');
  return user;
}

/**
 * The fields a customer may change; contract fields (e-mail, address, name on
 * contract) are not among them. An emptied phone or company is cleared (null),
 * never stored as "". Fields left undefined stay as they are.
 */
export async function updateProfile(input: {
  userId: number;
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  company?: string | null;
}): Promise<Profile> {
  const { userId, phone, company, ...names } = input;
  const data = {
    ...names,
    ...(phone !== undefined ? { phone: phone || null } : {}),
    ...(company !== undefined ? { company: company || null } : {}),
  };
  return db.user.update({ where: { id: userId }, data, select: profileSelect });
}
