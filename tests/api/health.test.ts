import { describe, expect, it } from 'vitest';
import { client } from '../support/http';

describe('health and readiness', () => {
  it('answers liveness and readiness with the database reachable', async () => {
    const api = client();
    const health = await api('/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok' });
    const ready = await api('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ database: 'ok' });
  });
});
