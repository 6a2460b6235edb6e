/**
 * A real OpenID Connect provider (the `oidc-provider` package) for the tests and the demo: the
 * authorization-code flow with PKCE (S256, required for every client), confidential clients that
 * authenticate with client_secret_basic, and ID tokens signed RS256 with a key pair made at start.
 * Its sign-in page asks for no password: whoever fills in the form becomes that account, with the
 * e-mail, names and "e-mail verified" flag they typed. Accounts, sessions and codes live in
 * memory. Plain HTTP on loopback, no real users: development and tests only.
 *
 * The provider itself (discovery, /auth, /token, /jwks, /me) is `provider.callback()`; a plain
 * node:http server routes /interaction/* to the sign-in page here and everything else to it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { readBody } from '../process/http';
import type {
  Account,
  Adapter,
  AdapterPayload,
  Configuration,
  Interaction,
  JWK,
} from 'oidc-provider';

export interface TestOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface TestOidcProvider {
  issuer: string;
  port: number;
  /**
   * Alters the claims of the next ID token the token endpoint answers, after it was signed: what
   * an attacker on the way between provider and client would do. The signature no longer fits.
   */
  tamperWithNextIdToken(change: (claims: Record<string, unknown>) => Record<string, unknown>): void;
  stop(): Promise<void>;
}

/** The claims the sign-in form sets for an account. */
interface AccountClaims {
  sub: string;
  email: string;
  email_verified: boolean;
  given_name?: string;
  family_name?: string;
  name?: string;
}

type OidcProviderModule = typeof import('oidc-provider');

const SCOPES = ['openid', 'email', 'profile'];
const CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['given_name', 'family_name', 'name'],
};
const MAX_FORM_BYTES = 64 * 1024;
/** The models revokeByGrantId removes (as in oidc-provider's own memory adapter). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/**
 * The subject the sign-in form uses when its "Subject" field is left empty: stable for an address
 * (case and surrounding spaces ignored), so signing in twice as the same e-mail is the same account.
 */
export function subjectForEmail(email: string): string {
  const hex = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `user-${hex.slice(0, 16)}`;
}

let providerModule: Promise<OidcProviderModule> | undefined;

/**
 * oidc-provider prints "Unsupported runtime" once, when it is first imported, on any Node.js older
 * than 22 LTS (the project supports 20.19+, where it works). No option turns that notice off, so
 * the import is done here, once, with that one message held back; every other warning passes.
 */
function loadOidcProvider(): Promise<OidcProviderModule> {
  providerModule ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      const first = args[0];
      if (
        typeof first === 'string' &&
        first.includes('oidc-provider WARNING: Unsupported runtime')
      ) {
        return;
      }
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return providerModule;
}

export async function startOidcProvider(options: {
  port?: number;
  host?: string;
  clients: TestOidcClient[];
}): Promise<TestOidcProvider> {
  const { default: Provider, interactionPolicy } = await loadOidcProvider();
  const host = options.host ?? '127.0.0.1';
  const accounts = new Map<string, AccountClaims>();

  // Listening first gives the port the issuer needs; requests are handled once the provider is
  // made (below, before this function returns).
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${issuerHost(host)}:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey: JWK = {
    ...(await exportJWK(privateKey)),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };

  // Every authorization request shows the sign-in form, even in a browser that signed in before,
  // so a test or a demo can pick the account each time (oidc-provider's own session would
  // otherwise sign the previous account in without asking).
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'sign_in_every_time',
        'the test provider asks who is signing in on every authorization request',
        (ctx) =>
          ctx.oidc.result?.login
            ? interactionPolicy.Check.NO_NEED_TO_PROMPT
            : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      // A web client: oidc-provider accepts http:// redirect URIs (loopback or not) for web
      // clients that use the code flow; it only forbids them with the implicit flow.
      application_type: 'web',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: SCOPES,
    claims: CLAIMS,
    // The ID token carries the scopes' claims (e-mail, names), not only sub: NextAuth v4 reads
    // the profile from the ID token.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    responseTypes: ['code'],
    features: { devInteractions: { enabled: false } },
    interactions: {
      policy,
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    // These first-party clients need no consent screen: the grant is made here with what the
    // request asks for (oidc-provider's documented loadExistingGrant recipe).
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing?.accountId === session.accountId) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes]);
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub): Account | undefined => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: () => ({ ...claims }) };
    },
    // oidc-provider's defaults for these, set here so that it does not ask for them to be set.
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
    },
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<h1>Sign-in error</h1>${Object.entries(out)
          .map(
            ([key, value]) =>
              `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`,
          )
          .join('')}`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;
  provider.use(async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (!tamper || ctx.path !== '/token' || typeof body !== 'object' || body === null) return;
    if (!('id_token' in body) || typeof body.id_token !== 'string') return;
    const [header = '', payload = '', signature = ''] = body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const altered = Buffer.from(JSON.stringify(tamper(claims))).toString('base64url');
    tamper = null;
    ctx.body = { ...body, id_token: `${header}.${altered}.${signature}` };
  });
  const callback = provider.callback();

  async function showInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.prompt.name === 'consent') {
      await grantConsent(req, res, interaction);
      return;
    }
    const loginHint = interaction.params.login_hint;
    sendHtml(res, 200, loginForm(interaction.uid, typeof loginHint === 'string' ? loginHint : ''));
  }

  /** Only reached if a request asks for more than the automatic grant covers. */
  async function grantConsent(
    req: IncomingMessage,
    res: ServerResponse,
    interaction: Interaction,
  ): Promise<void> {
    const accountId = interaction.session?.accountId;
    const clientId = interaction.params.client_id;
    if (!accountId || typeof clientId !== 'string') {
      sendHtml(
        res,
        400,
        page('Sign-in error', '<h1>Sign-in error</h1><p>No signed-in account.</p>'),
      );
      return;
    }
    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({ accountId, clientId });
    if (!grant) throw new Error('grant not found');
    const details = interaction.prompt.details;
    if (Array.isArray(details.missingOIDCScope)) {
      grant.addOIDCScope(
        details.missingOIDCScope.filter((s): s is string => typeof s === 'string'),
      );
    }
    if (Array.isArray(details.missingOIDCClaims)) {
      grant.addOIDCClaims(
        details.missingOIDCClaims.filter((c): c is string => typeof c === 'string'),
      );
    }
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  async function submitLogin(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
  ): Promise<void> {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid || interaction.prompt.name !== 'login') {
      sendHtml(
        res,
        400,
        page('Sign-in error', '<h1>Sign-in error</h1><p>This sign-in has ended.</p>'),
      );
      return;
    }
    const form = new URLSearchParams(
      await readBody(req, MAX_FORM_BYTES, () => new Error('The form is too large.')),
    );
    const email = (form.get('email') ?? '').trim();
    const givenName = (form.get('given_name') ?? '').trim();
    const familyName = (form.get('family_name') ?? '').trim();
    if (!email) {
      sendHtml(res, 400, loginForm(uid, '', 'Enter an e-mail address.'));
      return;
    }
    const sub = (form.get('sub') ?? '').trim() || subjectForEmail(email);
    const name = [givenName, familyName].filter(Boolean).join(' ');
    accounts.set(sub, {
      sub,
      email,
      // A checkbox sends its value only when ticked; "false" and "0" count as unticked for
      // scripts that post the form themselves.
      email_verified: !['', 'false', '0'].includes(form.get('email_verified') ?? ''),
      ...(givenName ? { given_name: givenName } : {}),
      ...(familyName ? { family_name: familyName } : {}),
      ...(name ? { name } : {}),
    });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', issuer);
    const show = /^\/interaction\/([\w-]+)$/.exec(pathname);
    const login = /^\/interaction\/([\w-]+)\/login$/.exec(pathname);
    let work: Promise<void> | undefined;
    if (show && (req.method === 'GET' || req.method === 'HEAD')) {
      work = showInteraction(req, res);
    } else if (login?.[1] && req.method === 'POST') {
      work = submitLogin(req, res, login[1]);
    } else if (show || login) {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    } else {
      void callback(req, res);
      return;
    }
    work.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendHtml(
        res,
        400,
        page('Sign-in error', `<h1>Sign-in error</h1><p>${escapeHtml(message)}</p>`),
      );
    });
  });

  return {
    issuer,
    port,
    tamperWithNextIdToken(change) {
      tamper = change;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function issuerHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * oidc-provider's storage, in this process's memory and for this provider only (its built-in
 * memory adapter is shared by every provider in the process and warns on every start).
 */
function memoryAdapterFactory(): (model: string) => Adapter {
  const records = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const index = new Map<string, string>();
  const grants = new Map<string, Set<string>>();

  const live = (key: string): AdapterPayload | undefined => {
    const record = records.get(key);
    if (!record) return undefined;
    if (record.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return record.payload;
  };

  return (model) => {
    const key = (id: string): string => `${model}:${id}`;
    const byIndex = (name: string): AdapterPayload | undefined => {
      const id = index.get(`${model}:${name}`);
      return id === undefined ? undefined : live(key(id));
    };
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt =
          typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        records.set(key(id), { payload, expiresAt });
        if (payload.uid) index.set(`${model}:uid:${payload.uid}`, id);
        if (payload.userCode) index.set(`${model}:userCode:${payload.userCode}`, id);
        if (payload.grantId && GRANTABLE.has(model)) {
          const members = grants.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          grants.set(payload.grantId, members);
        }
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        return byIndex(`uid:${uid}`);
      },
      async findByUserCode(userCode) {
        return byIndex(`userCode:${userCode}`);
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        records.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const member of grants.get(grantId) ?? []) records.delete(member);
        grants.delete(grantId);
      },
    };
  };
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#111}
label{display:block;margin:.9rem 0 .3rem;font-weight:600}
input[type=text],input[type=email]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400}
.hint{color:#555;font-size:.85rem;margin:.3rem 0 0}
.error{color:#a00}
button{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem}
</style>
</head>
<body>
${body}
</body>
</html>`;
}

function loginForm(uid: string, email: string, error?: string): string {
  const action = `/interaction/${encodeURIComponent(uid)}/login`;
  return page(
    'Sign in (test OpenID provider)',
    `<h1>Sign in</h1>
<p>Test OpenID provider: no password, the account is whatever you enter.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="email" value="${escapeHtml(email)}" autofocus>
<label for="given_name">First name</label>
<input id="given_name" name="given_name" type="text" autocomplete="given-name">
<label for="family_name">Last name</label>
<input id="family_name" name="family_name" type="text" autocomplete="family-name">
<label class="check" for="email_verified"><input id="email_verified" name="email_verified" type="checkbox" value="true" checked> Email verified at the provider</label>
<label for="sub">Subject</label>
<input id="sub" name="sub" type="text" aria-describedby="sub-hint">
<p class="hint" id="sub-hint">Optional. Left empty, it is user- and the first 16 hex digits of the SHA-256 of the e-mail.</p>
<button type="submit">Sign in</button>
</form>`,
  );
}
