import type { Profile } from '@/lib/accounts/profile';
import type { ContractSummary, Dashboard } from '@/lib/contracts/read';
import { lower } from '@/lib/api/v1/envelope';
import { isoDate, isoSeconds } from '@/lib/format';

/** Document 1's shapes: snake_case, integer ids, lower-case statuses, UTC timestamps to the second. */

export function presentLogin(login: {
  accessToken: string;
  accessExpiresAt: Date;
  user: { forcePasswordChange: boolean };
}) {
  return {
    token: login.accessToken,
    expires_at: isoSeconds(login.accessExpiresAt),
    // Not in document 1; extra fields break no client, and it tells the app to ask for a new password.
    force_password_change: login.user.forcePasswordChange,
  };
}

export function presentProfile(p: Profile) {
  return {
    customer_id: p.id,
    // Document 1 always shows a name on contract. Accounts created before contract data was
    // kept have none: the account holder's own name stands in rather than a null.
    name_on_contract: p.nameOnContract ?? `${p.firstName} ${p.lastName}`.trim(),
    email: p.email,
    phone_number: p.phone,
    address: p.address,
    active: p.active,
    created_at: isoSeconds(p.createdAt),
  };
}

export function presentDashboard(
  d: Pick<Dashboard, 'contractCount' | 'equipmentCount' | 'activeAlerts'>,
) {
  return {
    contract_count: d.contractCount,
    equipment_count: d.equipmentCount,
    active_alerts: d.activeAlerts,
  };
}

export function presentContractSummary(c: ContractSummary) {
  return { contract_id: c.id, name: c.name, status: lower(c.status) };
}

export function presentContract(c: ContractSummary) {
  return {
    ...presentContractSummary(c),
    start_date: isoDate(c.startDate),
    end_date: c.endDate ? isoDate(c.endDate) : null,
  };
}

export function presentServiceTier(c: ContractSummary) {
  return { tier: c.tier.name, features: c.tier.features };
}
