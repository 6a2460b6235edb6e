/**
 * The ownership matrix, generated from the OpenAPI document: every operation
 * whose path takes one of a customer's ids declares it (`x-owned-resource`),
 * and for each one the owner gets 2xx while another customer gets 404 (never
 * 403, which would confirm the id exists). Malformed ids get 400. Ids every
 * customer may see (a software release) declare `x-public-resource` instead, and ids reached by a
 * link signed for one viewer (an attachment) `x-signed-resource`: without a signature, anyone's
 * request for one is a 403.
 * The portal's pages that take an id answer 404 to another customer too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSignIn } from '../support/browser-session';
import { createContracts, type ContractFixture } from '../support/contracts';
import { client, type ApiResponse } from '../support/http';
import { addCard, buy, grantLicense } from '../support/payments';
import { LOG } from '../support/files';
import { createTestUser } from '../support/users';
import { clientLogin, explain, login, tokenForPath } from '../support/v1';

interface Operation {
  method: string;
  path: string;
  resource: string | undefined;
  publicResource: string | undefined;
  staffResource: string | undefined;
  signedResource: string | undefined;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        'x-owned-resource'?: string;
        'x-public-resource'?: string;
        'x-staff-resource'?: string;
        'x-signed-resource'?: string;
      }
    >
  >;
}

/** How to name one kind of id: an existing one of the owner's, one that exists for nobody, junk. */
interface IdKind {
  /** An id the owner holds, ready for this operation (a DELETE gets a fresh one each time). */
  owned(op: Operation): Promise<string>;
  missing: string;
  malformed: string[];
}

const INTEGER_JUNK = ['abc', '-1', '0', '1.5', '1e3', '99999999999', '%20'];

const api = client();
let operations: Operation[] = [];
let owned: ContractFixture;
let ownerToken = '';
let strangerToken = '';
/** Customers who only send malformed ids, so the owner stays under the 100-a-minute limit. */
let proberTokens: string[] = [];
let purchaseId = '';
let cardId = '';
let ticketId = '';
let agentToken = '';

/** A ticket of the owner's; rating needs a fresh resolved one each time (once per resolution). */
async function ownerTicket(op: Operation): Promise<string> {
  if (!op.path.endsWith('/rating') && ticketId) return ticketId;
  const res = await api<{ data: { id: string } }>('/api/v1/support/tickets', {
    token: ownerToken,
    json: { subject: 'Matrix', description: 'Ownership matrix ticket', category: 'other' },
  });
  const id = res.json.data.id;
  if (op.path.endsWith('/rating')) {
    await api(`/api/v1/support/tickets/${id}/resolve`, { method: 'POST', token: ownerToken });
  } else {
    ticketId = id;
  }
  return id;
}

/** What an operation needs in its body to succeed for its owner (the id decides the rest). */
function requestFor(op: Operation): { json?: unknown; body?: FormData } {
  if (op.path.endsWith('/attachments')) {
    const form = new FormData();
    form.append('file', new Blob([LOG]), 'matrix.log');
    return { body: form };
  }
  const json = bodyFor(op);
  return json === undefined ? {} : { json };
}

function bodyFor(op: Operation): unknown {
  if (op.path.endsWith('/messages')) {
    return op.path.startsWith('/api/staff/')
      ? { body: 'Matrix note', internal: true }
      : { body: 'Matrix reply' };
  }
  if (op.path.endsWith('/rating')) return { rating: 'good' };
  if (op.path.endsWith('/merge')) return { targetId: 'ticket_2147483001' };
  if (op.method === 'PATCH') return { priority: 'high' };
  return undefined;
}

const kinds: Record<string, IdKind> = {
  contract: {
    owned: async () => String(owned.contractIds[0] ?? 0),
    missing: '2147483000',
    malformed: INTEGER_JUNK,
  },
  alert: {
    owned: async () => String(owned.unacknowledgedAlertIds[0] ?? 0),
    missing: '2147483000',
    malformed: INTEGER_JUNK,
  },
  purchase: {
    owned: async () => purchaseId,
    missing: 'purchase_2147483000',
    malformed: [
      ...INTEGER_JUNK,
      '1',
      'purchase_abc',
      'purchase_0',
      'purchase_-1',
      'purchase_1.5',
      'purchase_99999999999',
      'license_1',
    ],
  },
  payment_method: {
    // Removing a card uses it up: each DELETE gets a card of its own.
    owned: async (op) => (op.method === 'DELETE' ? addCard(api, ownerToken) : cardId),
    missing: 'pm_doesnotexist',
    malformed: ['abc', '1', 'pm_', 'pm_!', 'pm_a-b', 'pm_%20', '%20'],
  },
  release: {
    owned: async () => 'software_v2',
    missing: 'software_v99',
    malformed: ['abc', '1', 'software_x', 'software_v0', 'software_v2.0', '%20'],
  },
  ticket: {
    owned: ownerTicket,
    missing: 'ticket_2147483000',
    malformed: [...INTEGER_JUNK, '1', 'ticket_abc', 'ticket_0', 'ticket_-1', 'purchase_1'],
  },
};

function kindOf(name: string | undefined): IdKind {
  const kind = name ? kinds[name] : undefined;
  if (!kind) throw new Error(`no fixture for resource "${name}"`);
  return kind;
}

/** Each customer's /client token, by their /api/v1 token: a token works only on its surface. */
const clientTokens = new Map<string, string>();

function call(op: Operation, id: string, token: string): Promise<ApiResponse<unknown>> {
  const client = clientTokens.get(token) ?? token;
  return api(op.path.replace('{id}', id), {
    method: op.method,
    token: tokenForPath(op.path, { v1: token, client }),
    ...requestFor(op),
  });
}

beforeAll(async () => {
  const doc = (await api<OpenApiDocument>('/api/v1/openapi.json')).json;
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      resource: op['x-owned-resource'],
      publicResource: op['x-public-resource'],
      staffResource: op['x-staff-resource'],
      signedResource: op['x-signed-resource'],
    })),
  );
  const [owner, stranger] = await Promise.all([createTestUser(), createTestUser()]);
  owned = await createContracts(owner.id, { equipmentPerContract: 2, alertsPerEquipment: 2 });
  // The stranger owns data too, so an empty result can never pass for a 404.
  await createContracts(stranger.id, { equipmentPerContract: 1, alertsPerEquipment: 1 });
  const probers = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
  const [ownerTokens, strangerTokens, ...proberSessions] = await Promise.all([
    login(api, owner),
    login(api, stranger),
    ...probers.map((p) => login(api, p)),
  ]);
  proberTokens = proberSessions.map((t) => t.access);
  ownerToken = ownerTokens.access;
  strangerToken = strangerTokens.access;
  const people = [owner, stranger, ...probers];
  const v1Tokens = [ownerToken, strangerToken, ...proberTokens];
  const clients = await Promise.all(people.map((p) => clientLogin(api, p)));
  v1Tokens.forEach((token, i) => clientTokens.set(token, clients[i] ?? ''));
  // Both buy Sense Base through the emulator (which also saves the card they paid with).
  const [mine] = await Promise.all([buy(api, ownerToken), buy(api, strangerToken)]);
  purchaseId = mine.purchase.id;
  cardId = await addCard(api, ownerToken);
  const agent = await createTestUser({ role: 'SUPPORT_AGENT' });
  agentToken = (await login(api, agent)).access;
}, 60_000);

describe('ownership matrix (from /api/v1/openapi.json)', () => {
  it('covers every path that takes an id, and each declares what it names', () => {
    const withId = operations.filter((op) => op.path.includes('{id}'));
    expect(withId.length).toBeGreaterThanOrEqual(4);
    expect(
      withId
        .filter(
          (op) => !op.resource && !op.publicResource && !op.staffResource && !op.signedResource,
        )
        .map((op) => `${op.method} ${op.path}`),
    ).toEqual([]);
    expect(withId.filter((op) => op.resource && op.publicResource)).toEqual([]);
    for (const resource of ['contract', 'alert', 'purchase', 'payment_method', 'ticket']) {
      expect(
        operations.some((op) => op.resource === resource),
        resource,
      ).toBe(true);
    }
  });

  it('answers another customer 404 and the owner 2xx for every owned id', async () => {
    const cases = operations.filter((op) => op.resource);
    const failures: string[] = [];
    for (const op of cases) {
      const kind = kindOf(op.resource);
      const id = await kind.owned(op);
      // The stranger goes first, so a DELETE cannot pass because the owner already removed it.
      const theirs = await call(op, id, strangerToken);
      if (theirs.status !== 404)
        failures.push(`stranger ${op.method} ${op.path}: ${explain(theirs)}`);
      const mine = await call(op, id, ownerToken);
      if (mine.status < 200 || mine.status > 299)
        failures.push(`owner ${op.method} ${op.path}: ${explain(mine)}`);
      const missing = await call(op, kind.missing, ownerToken);
      if (missing.status !== 404)
        failures.push(`missing ${op.method} ${op.path}: ${explain(missing)}`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it('answers 400 for ids that are not of their kind', async () => {
    const failures: string[] = [];
    let n = 0;
    for (const op of operations.filter((o) => o.resource || o.publicResource)) {
      const kind = kindOf(op.resource ?? op.publicResource);
      const good = await call(op, await kind.owned(op), ownerToken);
      if (good.status >= 400) failures.push(`owner ${op.method} ${op.path}: ${explain(good)}`);
      for (const bad of kind.malformed) {
        n += 1;
        const res = await call(op, bad, proberTokens[n % proberTokens.length] ?? ownerToken);
        if (res.status !== 400) failures.push(`${bad} ${op.method} ${op.path}: ${explain(res)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers public ids alike for every customer, and 404 when they do not exist', async () => {
    const cases = operations.filter((op) => op.publicResource);
    expect(cases.length).toBeGreaterThanOrEqual(1);
    const failures: string[] = [];
    for (const op of cases) {
      const kind = kindOf(op.publicResource);
      const id = await kind.owned(op);
      // Both customers hold a license for it: neither is refused for the other's sake.
      for (const [who, token] of [
        ['owner', ownerToken],
        ['stranger', strangerToken],
      ] as const) {
        const res = await call(op, id, token);
        if (res.status !== 200) failures.push(`${who} ${op.method} ${op.path}: ${explain(res)}`);
      }
      const missing = await call(op, kind.missing, ownerToken);
      if (missing.status !== 404)
        failures.push(`missing ${op.method} ${op.path}: ${explain(missing)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('signed links', () => {
  it('answer 403 to a request without a signature, with or without a session', async () => {
    const cases = operations.filter((op) => op.signedResource);
    expect(cases.length).toBeGreaterThanOrEqual(1);
    const failures: string[] = [];
    for (const op of cases) {
      for (const token of [undefined, ownerToken, agentToken]) {
        const res = await api(op.path.replace('{id}', `${op.signedResource}_1`), { token });
        if (res.status !== 403) failures.push(`${op.method} ${op.path}: ${explain(res)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("staff section: ids in the agents' API", () => {
  it('answers a customer 403 (even for their own ticket), an agent 2xx, and a missing id 404', async () => {
    const cases = operations.filter((op) => op.staffResource);
    expect(cases.length).toBeGreaterThanOrEqual(4);
    const failures: string[] = [];
    for (const op of cases) {
      const id = await ownerTicket({ ...op, path: '/api/v1/support/tickets/{id}' });
      const send = (token: string, target: string) =>
        api(op.path.replace('{id}', target), { method: op.method, token, ...requestFor(op) });
      const asOwner = await send(ownerToken, id);
      if (asOwner.status !== 403)
        failures.push(`owner ${op.method} ${op.path}: ${explain(asOwner)}`);
      // Merging needs a second ticket of the same customer; the others act on this one.
      const asAgent = op.path.endsWith('/merge')
        ? await api(op.path.replace('{id}', id), {
            method: op.method,
            token: agentToken,
            json: { targetId: await ownerTicket({ ...op, path: '/rating' }) },
          })
        : await send(agentToken, id);
      if (asAgent.status < 200 || asAgent.status > 299)
        failures.push(`agent ${op.method} ${op.path}: ${explain(asAgent)}`);
      if (op.path.endsWith('/merge')) ticketId = '';
      const missing = await send(agentToken, 'ticket_2147483000');
      if (missing.status !== 404)
        failures.push(`missing ${op.method} ${op.path}: ${explain(missing)}`);
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

  it("show the owner's receipt and answer 404 to another customer", async () => {
    const browser = client();
    const [owner, stranger] = await Promise.all([createTestUser(), createTestUser()]);
    const { purchaseId: id } = await grantLicense(owner.id, 2);
    await grantLicense(stranger.id, 2);
    const [ownerCookie, strangerCookie] = await Promise.all([
      browserSignIn(browser, owner),
      browserSignIn(browser, stranger),
    ]);
    expect(ownerCookie).not.toBeNull();
    expect(strangerCookie).not.toBeNull();
    const path = `/purchases/purchase_${id}`;
    const mine = await browser(path, { headers: { cookie: ownerCookie ?? '' } });
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(`purchase_${id}`);
    const theirs = await browser(path, { headers: { cookie: strangerCookie ?? '' } });
    expect(theirs.status).toBe(404);
    for (const junk of ['/purchases/purchase_abc', `/purchases/${id}`]) {
      const res = await browser(junk, { headers: { cookie: ownerCookie ?? '' } });
      expect(res.status, junk).toBe(404);
    }
  });
});
