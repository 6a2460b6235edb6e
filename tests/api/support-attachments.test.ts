/**
 * Issue 9's attachments over HTTP: multipart uploads to the customer and staff APIs, files sent
 * with a new ticket and with replies, the signed links they are served through and the headers
 * they are served with, and every refusal: a disguised file, an oversized one, another
 * customer's ticket or upload, a cross-site cookie upload, a body that is not one file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSignIn } from '../support/browser-session';
import { BROKEN_MULTIPART, HTML, LOG, oversizedPng, PDF, PNG } from '../support/files';
import { client } from '../support/http';
import { createTestUser } from '../support/users';
import { expectStatus, expectV1Error, login, signedIn, type V1Success } from '../support/v1';

interface AttachmentJson {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
  urlExpiresAt: string;
}

interface TicketJson {
  id: string;
  attachments: AttachmentJson[];
  messages: { id: string; body: string; attachments: AttachmentJson[] }[];
}

const api = client();
let agentToken = '';

beforeAll(async () => {
  const agent = await createTestUser({ role: 'SUPPORT_AGENT' });
  agentToken = (await login(api, agent)).access;
});

function form(name: string, bytes: Uint8Array<ArrayBuffer>, type = 'application/octet-stream') {
  const body = new FormData();
  body.append('file', new Blob([bytes], { type }), name);
  return body;
}

const NEW_TICKET_UPLOADS = '/api/v1/support/attachments';

/** Uploads `bytes` named `file` (the part's Content-Type: `type`) to `path`, by default for a new ticket. */
async function upload(
  token: string,
  file: `${string}.${string}`,
  bytes: Uint8Array<ArrayBuffer>,
  options: { path?: string; type?: string } = {},
) {
  return api<V1Success<AttachmentJson>>(options.path ?? NEW_TICKET_UPLOADS, {
    method: 'POST',
    token,
    body: form(file, bytes, options.type),
  });
}

async function openTicket(token: string, attachmentIds: string[] = []) {
  const res = await api<V1Success<TicketJson>>('/api/v1/support/tickets', {
    token,
    json: {
      subject: 'Door sensor',
      description: 'It beeps.',
      category: 'technical',
      attachmentIds,
    },
  });
  expectStatus(res, 201);
  return res.json.data;
}

/** Fetches an attachment's signed link as it is given (an absolute URL on APP_URL), on the test server. */
function fetchFile(url: string) {
  const link = new URL(url);
  return api(`${link.pathname}${link.search}`);
}

describe('uploading and sending files', () => {
  it('opens a ticket with a screenshot, sent as a file a browser shows inline', async () => {
    const { token } = await signedIn();
    // The client's Content-Type says HTML; the portal reads the bytes and stores a PNG.
    const up = await upload(token, 'screenshot.png', PNG, { type: 'text/html' });
    expectStatus(up, 201);
    expect(up.json.data).toMatchObject({
      fileName: 'screenshot.png',
      contentType: 'image/png',
      size: PNG.byteLength,
    });
    expect(up.json.data.id).toMatch(/^attachment_\d+$/);

    const ticket = await openTicket(token, [up.json.data.id]);
    expect(ticket.attachments.map((a) => a.id)).toEqual([up.json.data.id]);
    const file = await fetchFile(ticket.attachments[0]?.url ?? '');
    expectStatus(file, 200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe('inline; filename="screenshot.png"');
    expect(file.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; sandbox",
    );
    expect(file.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
  });

  it('sends a PDF with a reply as a download, and staff see it too', async () => {
    const { token } = await signedIn();
    const ticket = await openTicket(token);
    const up = await upload(token, 'Quote 2026.pdf', PDF, {
      path: `/api/v1/support/tickets/${ticket.id}/attachments`,
    });
    expectStatus(up, 201);
    const reply = await api<V1Success<TicketJson['messages'][number]>>(
      `/api/v1/support/tickets/${ticket.id}/messages`,
      { token, json: { body: 'The quote.', attachmentIds: [up.json.data.id] } },
    );
    expectStatus(reply, 201);
    expect(reply.json.data.attachments.map((a) => a.fileName)).toEqual(['Quote 2026.pdf']);
    const file = await fetchFile(reply.json.data.attachments[0]?.url ?? '');
    expectStatus(file, 200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="Quote 2026.pdf"');
    expect(file.text.startsWith('%PDF-1.4')).toBe(true);

    const staff = await api<V1Success<TicketJson>>(`/api/staff/tickets/${ticket.id}`, {
      token: agentToken,
    });
    const seen = staff.json.data.messages.at(-1)?.attachments[0];
    expect(seen?.fileName).toBe('Quote 2026.pdf');
    // The agent's own link, signed for the agent.
    expect(new URL(seen?.url ?? '').searchParams.get('viewer')).not.toBe(
      new URL(reply.json.data.attachments[0]?.url ?? '').searchParams.get('viewer'),
    );
    expectStatus(await fetchFile(seen?.url ?? ''), 200);
  });

  it("keeps an agent's note file from the customer, in the API and by link", async () => {
    const { token } = await signedIn();
    const ticket = await openTicket(token);
    const up = await upload(agentToken, 'router-notes.log', LOG, {
      path: `/api/staff/tickets/${ticket.id}/attachments`,
    });
    expectStatus(up, 201);
    const note = await api(`/api/staff/tickets/${ticket.id}/messages`, {
      token: agentToken,
      json: { body: 'Internal only', internal: true, attachmentIds: [up.json.data.id] },
    });
    expectStatus(note, 201);
    const mine = await api<V1Success<TicketJson>>(`/api/v1/support/tickets/${ticket.id}`, {
      token,
    });
    expect(mine.text).not.toContain('router-notes');
    expect(mine.text).not.toContain(up.json.data.id);
  });
});

describe('refusals', () => {
  it('refuses an HTML page named .png with 415, whatever Content-Type the part claims', async () => {
    const { token } = await signedIn();
    const res = await upload(token, 'invoice.png', HTML, { type: 'image/png' });
    const body = expectV1Error(res, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(body.message).toMatch(/invoice\.png is not a file type support accepts/);
  });

  it('refuses a file over 10 MiB with 413, and stores nothing', async () => {
    const { token } = await signedIn();
    const res = await upload(token, 'huge.png', oversizedPng());
    const body = expectV1Error(res, 413, 'ATTACHMENT_TOO_LARGE');
    expect(body.message).toMatch(/at most 10 MiB/);
  });

  it('answers a body that is not one file in the field "file" with 400 or 415', async () => {
    const { token } = await signedIn();
    const two = form('a.log', LOG);
    two.append('file', new Blob([LOG]), 'b.log');
    expectV1Error(
      await api('/api/v1/support/attachments', { method: 'POST', token, body: two }),
      400,
    );
    const none = new FormData();
    none.append('note', 'no file');
    expectV1Error(
      await api('/api/v1/support/attachments', { method: 'POST', token, body: none }),
      400,
    );
    expectV1Error(
      await api('/api/v1/support/attachments', { token, json: { file: 'x' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const broken = await api(NEW_TICKET_UPLOADS, { ...BROKEN_MULTIPART, token });
    expectV1Error(broken, 400, 'VALIDATION_FAILED');
  });

  it("answers another customer's ticket and another customer's upload with 404", async () => {
    const [a, b] = await Promise.all([signedIn(), signedIn()]);
    const ticket = await openTicket(a.token);
    expectV1Error(
      await upload(b.token, 'x.log', LOG, {
        path: `/api/v1/support/tickets/${ticket.id}/attachments`,
      }),
      404,
      'NOT_FOUND',
    );
    const theirs = await upload(a.token, 'a.log', LOG);
    expectStatus(theirs, 201);
    const other = await openTicket(b.token);
    expectV1Error(
      await api(`/api/v1/support/tickets/${other.id}/messages`, {
        token: b.token,
        json: { body: 'mine now', attachmentIds: [theirs.json.data.id] },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses more than five attachments and ids that are not attachment ids', async () => {
    const { token } = await signedIn();
    const ticket = await openTicket(token);
    const ids = Array.from({ length: 6 }, (_, i) => `attachment_${i + 1}`);
    for (const attachmentIds of [ids, ['7'], 'attachment_1']) {
      expectV1Error(
        await api(`/api/v1/support/tickets/${ticket.id}/messages`, {
          token,
          json: { body: 'files', attachmentIds },
        }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('refuses a cookie upload from another origin, and takes one from the portal', async () => {
    const user = await createTestUser();
    const cookie = await browserSignIn(api, user);
    expect(cookie).not.toBeNull();
    const doc = await api<{ servers: { url: string }[] }>('/api/v1/openapi.json');
    const own = new URL(doc.json.servers[0]?.url ?? '').origin;
    const send = (origin: string) =>
      api('/api/v1/support/attachments', {
        method: 'POST',
        headers: { cookie: cookie ?? '', origin },
        body: form('a.log', LOG),
      });
    expectV1Error(await send('https://evil.example'), 403, 'CROSS_SITE_REQUEST');
    expectStatus(await send(own), 201);
  });

  it('refuses a tampered link with 403', async () => {
    const { token } = await signedIn();
    const up = await upload(token, 'a.log', LOG);
    const link = new URL(up.json.data.url);
    link.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
    expectV1Error(await api(`${link.pathname}${link.search}`), 403, 'FORBIDDEN');
    expectV1Error(await api('/api/attachments/attachment_1'), 403, 'FORBIDDEN');
  });
});
