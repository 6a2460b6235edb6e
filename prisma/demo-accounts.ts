import type { UserSeed } from '../lib/accounts/users';

/** The demo accounts; the README lists the same e-mails and passwords. */
export const DEMO_ACCOUNTS = {
  customer: {
    email: 'demo@sense-security.test',
    password: 'Demo-Customer-2026',
    firstName: 'Dana',
    lastName: 'Reyes',
    company: 'Reyes Logistics',
    phone: '+1 555 0100',
    address: '123 Main Street, Springfield, IL 62701',
    nameOnContract: 'Reyes Logistics LLC',
  },
  mustChange: {
    email: 'newhire@sense-security.test',
    password: 'Change-Me-On-First-Login',
    firstName: 'Noah',
    lastName: 'Kim',
    forcePasswordChange: true,
  },
  inactive: {
    email: 'inactive@sense-security.test',
    password: 'Inactive-Customer-2026',
    firstName: 'Ivy',
    lastName: 'Stone',
    active: false,
  },
  agent: {
    email: 'agent@sense-security.test',
    password: 'Support-Agent-2026',
    firstName: 'Sam',
    lastName: 'Ortiz',
    role: 'SUPPORT_AGENT',
  },
} satisfies Record<string, UserSeed>;
