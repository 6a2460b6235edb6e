/**
 * The ownership matrix, generated from the OpenAPI document: every operation
 * whose path takes one of a customer's ids declares it (`x-owned-resource`),
 * and for each one the owner gets 2xx while another customer gets 404 (never
 * 403, which would confirm the id exists). Malformed ids get 400. The portal's
 * pages that take an id answer 404 to another customer too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSignIn } from '../support/browser-session';
import { createContracts, type ContractFixture } from '../support/contracts';
import { client, type ApiResponse } from '../support/http';
import { createTestUser } from '../support/users';
import { explain, login } from '../support/v1';

interface Operation {
  method: string;
  path: string;
  resource: string | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { 'x-owned-resource'?: string }>>;
}

const api = client();
let operations: Operation[] = [];
let owned: ContractFixture;
let ownerToken = '';
let strangerToken = '';

function idFor(resource: string | undefined, fixture: ContractFixture): number {
  switch (resource) {
    case 'contract':
      return fixture.contractIds[0] ?? 0;
    case 'alert':
      return fixture.unacknowledgedAlertIds[0] ?? 0;
    default:
      throw new Error(`no fixture for resource "${resource}"`);
  }
}

function call(op: Operation, id: string, token: string): Promise<ApiResponse<unknown>> {
  return api(op.path.replace('{id}', id), { method: op.method, token });
}

beforeAll(async () => {
  const doc = (await api<OpenApiDocument>('/api/v1/openapi.json')).json;
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      resource: op['x-owned-resource'],
    })),
  );
  const [owner, stranger] = await Promise.all([createTestUser(), createTestUser()]);
  owned = await createContracts(owner.id, { equipmentPerContract: 2, alertsPerEquipment: 2 });
  // The stranger owns data too, so an empty result can never pass for a 404.
  await createContracts(stranger.id, { equipmentPerContract: 1, alertsPerEquipment: 1 });
  const [ownerTokens, strangerTokens] = await Promise.all([
    login(api, owner),
    login(api, stranger),
  ]);
  ownerToken = ownerTokens.access;
  strangerToken = strangerTokens.access;
});

describe('ownership matrix (from /api/v1/openapi.json)', () => {
  it('covers every path that takes an id, and each declares what it names', () => {
    const withId = operations.filter((op) => op.path.includes('{id}'));
    expect(withId.length).toBeGreaterThanOrEqual(4);
    expect(withId.filter((op) => !op.resource).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it('answers the owner 2xx and another customer 404 for every owned id', async () => {
    const cases = operations.filter((op) => op.resource);
    const failures: string[] = [];
    for (const op of cases) {
      const id = String(idFor(op.resource, owned));
      const mine = await call(op, id, ownerToken);
      if (mine.status < 200 || mine.status > 299)
        failures.push(`owner ${op.method} ${op.path}: ${explain(mine)}`);
      const theirs = await call(op, id, strangerToken);
      if (theirs.status !== 404)
        failures.push(`stranger ${op.method} ${op.path}: ${explain(theirs)}`);
      const missing = await call(op, '2147483000', ownerToken);
      if (missing.status !== 404)
        failures.push(`missing ${op.method} ${op.path}: ${explain(missing)}`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it('answers 400 for ids that are not positive integers', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.resource)) {
      const good = await call(op, String(idFor(op.resource, owned)), ownerToken);
      if (good.status >= 400) failures.push(`owner ${op.method} ${op.path}: ${explain(good)}`);
      for (const bad of ['abc', '-1', '0', '1.5', '1e3', '99999999999', '%20']) {
        const res = await call(op, bad, ownerToken);
        if (res.status !== 400) failures.push(`${bad} ${op.method} ${op.path}: ${explain(res)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('portal pages that take an id', () => {
  it("show the owner's contract and answer 404 to another customer", async () => {
    const browser = client();
    const [owner, stranger] = await Promise.all([createTestUser(), createTestUser()]);
    const data = await createContracts(owner.id);
    const [ownerCookie, strangerCookie] = await Promise.all([
      browserSignIn(browser, owner),
      browserSignIn(browser, stranger),
    ]);
    expect(ownerCookie).not.toBeNull();
    expect(strangerCookie).not.toBeNull();
    const path = `/contracts/${data.contractIds[0]}`;
    const mine = await browser(path, { headers: { cookie: ownerCookie ?? '' } });
    expect(mine.status).toBe(200);
    const theirs = await browser(path, { headers: { cookie: strangerCookie ?? '' } });
    expect(theirs.status).toBe(404);
    const junk = await browser('/contracts/abc', { headers: { cookie: ownerCookie ?? '' } });
    expect(junk.status).toBe(404);
  });
});
