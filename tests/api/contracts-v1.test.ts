/**
 * /api/v1 profile, dashboard, contracts, equipment and alerts: shapes, values
 * against data each test makes, pagination, filters and bad input.
 */
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { createContracts } from '../support/contracts';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import { ISO_SECONDS, expectStatus, expectV1Error, login, type V1Success } from '../support/v1';

interface PageData<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
  total_pages: number;
}

interface ContractJson {
  id: number;
  name: string;
  status: string;
  start_date: string;
  end_date: string | null;
  service_tier: { name: string; features: string[] };
}

async function customerWithData() {
  const api = client();
  const user = await createTestUser({ phone: '555-0100', company: 'Acme' });
  const data = await createContracts(user.id, {
    contracts: 3,
    equipmentPerContract: 2,
    alertsPerEquipment: 3,
  });
  const { access } = await login(api, user);
  return { api, user, data, token: access };
}

describe('GET/PUT /api/v1/profile', () => {
  it('reads the profile and updates name, phone and company', async () => {
    const { api, user, token } = await customerWithData();
    const before = await api<V1Success<Record<string, unknown>>>('/api/v1/profile', { token });
    expectStatus(before, 200);
    expect(before.json.data).toMatchObject({ id: user.id, email: user.email, phone: '555-0100' });
    expect(before.json.data.created_at).toMatch(ISO_SECONDS);
    expect(JSON.stringify(before.json)).not.toMatch(/password/i);

    const put = await api<V1Success<Record<string, unknown>>>('/api/v1/profile', {
      method: 'PUT',
      token,
      json: { name: 'Mary Ann Smith', phone: '+1 555 0199', company: 'Smith & Co' },
    });
    expectStatus(put, 200);
    expect(put.json.data).toMatchObject({
      name: 'Mary Ann Smith',
      first_name: 'Mary Ann',
      last_name: 'Smith',
      phone: '+1 555 0199',
      company: 'Smith & Co',
    });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({
      firstName: 'Mary Ann',
      lastName: 'Smith',
      company: 'Smith & Co',
    });
  });

  it('refuses read-only and unknown fields, over-long strings and wrong types with 400', async () => {
    const { api, user, token } = await customerWithData();
    expectStatus(
      await api('/api/v1/profile', { method: 'PUT', token, json: { phone: '555' } }),
      200,
    );
    const cases: Record<string, unknown>[] = [
      { email: 'other@example.test' },
      { name: 'Ok Name', address: '1 Elsewhere' },
      { name_on_contract: 'Someone' },
      { is_active: false },
      { name: 'x'.repeat(300) },
      { company: 'c'.repeat(201) },
      { phone: 12345 },
      { phone: 'call me!' },
      { name: '' },
      {},
    ];
    for (const json of cases) {
      expectV1Error(await api('/api/v1/profile', { method: 'PUT', token, json }), 400);
    }
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(user.email);
    expect(stored.active).toBe(true);
  });
});

describe('GET /api/v1/dashboard', () => {
  it('counts what the customer owns and nothing else', async () => {
    const { api, data, token } = await customerWithData();
    const res = await api<V1Success<Record<string, unknown>>>('/api/v1/dashboard', { token });
    expectStatus(res, 200);
    expect(res.json.data).toMatchObject({
      contract_count: 3,
      equipment_count: 6,
      active_alerts: data.activeAlertIds.length,
      unacknowledged_alerts: data.unacknowledgedAlertIds.length,
      equipment_by_status: { online: 6, offline: 0, faulty: 0 },
    });
    const perDay = res.json.data.alerts_per_day as { date: string; count: number }[];
    expect(perDay).toHaveLength(30);
    expect(perDay.reduce((n, d) => n + d.count, 0)).toBe(data.alertIds.length);
    const recent = res.json.data.recent_alerts as { resolved_at: string | null }[];
    expect(recent).toHaveLength(5);
    expect(recent.every((a) => a.resolved_at === null)).toBe(true);
  });
});

describe('GET /api/v1/contracts', () => {
  it('pages and filters the customer’s contracts', async () => {
    const { api, user, token } = await customerWithData();
    await createContracts(user.id, { contracts: 2, status: 'SUSPENDED' });
    const all = await api<V1Success<PageData<ContractJson>>>('/api/v1/contracts?page_size=2', {
      token,
    });
    expectStatus(all, 200);
    expect(all.json.data).toMatchObject({ page: 1, page_size: 2, total: 5, total_pages: 3 });
    expect(all.json.data.items).toHaveLength(2);
    const first = all.json.data.items[0];
    expect(first?.start_date).toBe('2024-01-01');
    expect(first?.service_tier.name).toBe('Premium');

    const last = await api<V1Success<PageData<ContractJson>>>(
      '/api/v1/contracts?page_size=2&page=3',
      {
        token,
      },
    );
    expect(last.json.data.items).toHaveLength(1);

    const suspended = await api<V1Success<PageData<ContractJson>>>(
      '/api/v1/contracts?status=suspended',
      { token },
    );
    expect(suspended.json.data.total).toBe(2);
    expect(suspended.json.data.items.every((c) => c.status === 'suspended')).toBe(true);

    for (const query of ['status=closed', 'page=0', 'page_size=101', 'page=abc', 'color=red']) {
      expectV1Error(await api(`/api/v1/contracts?${query}`, { token }), 400);
    }
  });

  it('serves equipment, service tier and alerts, and acknowledges an alert once', async () => {
    const { api, data, token } = await customerWithData();
    const id = data.contractIds[0];
    const tier = await api<V1Success<{ tier: string; features: string[] }>>(
      `/api/v1/contracts/${id}/service-tier`,
      { token },
    );
    expect(tier.json.data.tier).toBe('Premium');
    const equipment = await api<V1Success<PageData<{ contract_id: number; installed_at: string }>>>(
      `/api/v1/contracts/${id}/equipment`,
      { token },
    );
    expect(equipment.json.data.total).toBe(2);
    expect(equipment.json.data.items.every((e) => e.contract_id === id)).toBe(true);
    expect(equipment.json.data.items[0]?.installed_at).toMatch(ISO_SECONDS);

    const active = await api<V1Success<PageData<{ id: number }>>>('/api/v1/alerts?page_size=100', {
      token,
    });
    expect(active.json.data.total).toBe(data.activeAlertIds.length);
    const resolved = await api<V1Success<PageData<{ id: number }>>>(
      `/api/v1/alerts?status=resolved&contract_id=${id}`,
      { token },
    );
    expect(resolved.json.data.total).toBe(2);

    const alertId = data.unacknowledgedAlertIds[0];
    const ack = await api<V1Success<{ acknowledged_at: string }>>(
      `/api/v1/alerts/${alertId}/acknowledge`,
      { method: 'POST', token },
    );
    expectStatus(ack, 200);
    const again = await api<V1Success<{ acknowledged_at: string }>>(
      `/api/v1/alerts/${alertId}/acknowledge`,
      { method: 'POST', token },
    );
    expect(again.json.data.acknowledged_at).toBe(ack.json.data.acknowledged_at);
    const dashboard = await api<V1Success<{ unacknowledged_alerts: number }>>('/api/v1/dashboard', {
      token,
    });
    expect(dashboard.json.data.unacknowledged_alerts).toBe(data.unacknowledgedAlertIds.length - 1);
  });
});
