import type { SessionUser } from './sessions';
import { forbidden } from '@/lib/errors';

/**
 * What a role may do, decided in one place. Every staff check goes through `can` or
 * `requirePermission`; the account-lifecycle work turns this table into a permissions table.
 */
export type Permission = 'support:agent';

const ROLE_PERMISSIONS: Record<SessionUser['role'], readonly Permission[]> = {
  CUSTOMER: [],
  SUPPORT_AGENT: ['support:agent'],
  ADMIN: ['support:agent'],
};

export function can(user: Pick<SessionUser, 'role'>, permission: Permission): boolean {
  return ROLE_PERMISSIONS[user.role].includes(permission);
}

/** Throws FORBIDDEN (403 on the APIs) unless the user holds the permission. */
export function requirePermission(user: Pick<SessionUser, 'role'>, permission: Permission): void {
  if (!can(user, permission)) {
    throw forbidden('FORBIDDEN', 'This needs a support agent or administrator account');
  }
}

/** Roles that hold a permission, for queries that list such users (agents to assign). */
export function rolesWith(permission: Permission): SessionUser['role'][] {
  return (Object.keys(ROLE_PERMISSIONS) as SessionUser['role'][]).filter((role) =>
    ROLE_PERMISSIONS[role].includes(permission),
  );
}
