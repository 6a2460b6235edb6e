import type { SessionUser } from './sessions';
import { forbidden } from '@/lib/errors';

/**
 * What a role may do, decided in one place: every check goes through `can` or
 * `requirePermission` (endpoint specs name theirs in `permission`), never through a role. Where
 * document 4 names a right, the name is its own (VIEW_PRODUCTS, VIEW_OWN_ORDERS, VIEW_OWN_PROFILE,
 * EDIT_OWN_PROFILE); it has nothing for rentals, so neither does this table.
 */
export const CUSTOMER_PERMISSIONS = [
  'VIEW_PRODUCTS',
  'VIEW_OWN_ORDERS',
  'VIEW_OWN_CONTRACTS',
  'CREATE_PURCHASES',
  'VIEW_OWN_PROFILE',
  'EDIT_OWN_PROFILE',
  'VIEW_OWN_TICKETS',
  'CREATE_TICKETS',
] as const;

export const STAFF_PERMISSIONS = ['VIEW_ALL_TICKETS', 'REPLY_TICKETS', 'MANAGE_CUSTOMERS'] as const;

export type Permission = (typeof CUSTOMER_PERMISSIONS)[number] | (typeof STAFF_PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<SessionUser['role'], readonly Permission[]> = {
  CUSTOMER: CUSTOMER_PERMISSIONS,
  // Agents work tickets; managing customers' accounts is an administrator's.
  SUPPORT_AGENT: [...CUSTOMER_PERMISSIONS, 'VIEW_ALL_TICKETS', 'REPLY_TICKETS'],
  ADMIN: [...CUSTOMER_PERMISSIONS, ...STAFF_PERMISSIONS],
};

/** Everything the role may do, as document 4's GET /auth/user/permissions lists it. */
export function permissionsOf(user: Pick<SessionUser, 'role'>): readonly Permission[] {
  return ROLE_PERMISSIONS[user.role];
}

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
