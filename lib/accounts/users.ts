import 'server-only';
import { db } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import { hashPassword } from '@/lib/auth/password';
import { normaliseEmail } from './email';

export interface UserSeed {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role?: Role;
  active?: boolean;
  forcePasswordChange?: boolean;
  phone?: string | null;
  company?: string | null;
  address?: string | null;
  nameOnContract?: string | null;
  emailVerified?: boolean;
}

/**
 * Creates the account, or puts an existing one back to exactly this state
 * (password included): seeding twice leaves the same data.
 */
export async function upsertUser(seed: UserSeed): Promise<{ id: number }> {
  const email = normaliseEmail(seed.email);
  const data = {
    passwordHash: await hashPassword(seed.password),
    firstName: seed.firstName,
    lastName: seed.lastName,
    role: seed.role ?? 'CUSTOMER',
    active: seed.active ?? true,
    forcePasswordChange: seed.forcePasswordChange ?? false,
    phone: seed.phone ?? null,
    company: seed.company ?? null,
    address: seed.address ?? null,
    nameOnContract: seed.nameOnContract ?? null,
    emailVerifiedAt: seed.emailVerified === false ? null : new Date('2025-01-01T00:00:00Z'),
  };
  return db.user.upsert({
    where: { email },
    create: { email, ...data },
    update: data,
    select: { id: true },
  });
}
