import { randomBytes } from 'node:crypto';
import { upsertUser, type UserSeed } from '@/lib/accounts/users';
import { recordSecret } from './artifacts';

export interface TestUser {
  id: number;
  email: string;
  password: string;
}

/** A fresh customer with a unique e-mail and a strong random password, recorded for the leak scan. */
export async function createTestUser(overrides: Partial<UserSeed> = {}): Promise<TestUser> {
  const tag = randomBytes(6).toString('hex');
  const email = overrides.email ?? `customer-${tag}@example.test`;
  const password = overrides.password ?? `Test-Pass-${randomBytes(9).toString('base64url')}`;
  recordSecret('password', password);
  const { id } = await upsertUser({
    firstName: 'Test',
    lastName: `Customer ${tag}`,
    ...overrides,
    email,
    password,
  });
  return { id, email, password };
}

export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}
