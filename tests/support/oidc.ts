/**
 * Drives the test OpenID provider (tools/oidc-provider) through the authorization-code flow the
 * way a browser would, with fetch and a small cookie jar: the authorization request, the sign-in
 * form, and the redirect back to the client, which is not followed. Returns the code for the
 * caller to exchange (or to hand to the portal's callback).
 */
import { createHash, randomBytes } from 'node:crypto';
import { subjectForEmail } from '../../tools/oidc-provider/provider';

export interface ProviderAccount {
  email: string;
  /** Default true. */
  emailVerified?: boolean;
  givenName?: string;
  familyName?: string;
  /** Default: the provider's own default for the e-mail (`subjectForEmail`). */
  sub?: string;
}

const MAX_STEPS = 20;

/** A PKCE pair for S256: a 43-character verifier (32 random bytes) and its challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/**
 * Every cookie the provider set, sent back on every request: one host, one flow, so paths and
 * domains do not matter. Deleted cookies (Max-Age=0 or an expiry in the past) are dropped.
 */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (!value || attributes.some(isExpired)) {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, value);
      }
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function isExpired(attribute: string): boolean {
  const equals = attribute.indexOf('=');
  const name = attribute.slice(0, equals).trim().toLowerCase();
  const value = attribute.slice(equals + 1).trim();
  if (equals < 0) return false;
  if (name === 'max-age') return Number(value) <= 0;
  if (name === 'expires') return Date.parse(value) <= Date.now();
  return false;
}

function isRedirectUri(url: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return url.origin === expected.origin && url.pathname === expected.pathname;
}

async function describeResponse(response: Response): Promise<string> {
  const body = (await response.text())
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${response.status} ${body.slice(0, 300)}`;
}

/**
 * Runs the authorization request for `account` and returns the code the provider redirects to
 * `redirectUri` with. An empty `codeChallenge` sends none (the provider must refuse that). Throws if the provider redirects back with an error (the message has the
 * error and its description) or answers anything else than a redirect or its sign-in form.
 */
export async function authorizationCode(options: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  account: ProviderAccount;
  codeChallenge: string;
  nonce?: string;
  state?: string;
  scope?: string;
}): Promise<{ code: string; state: string | null; sub: string }> {
  const discovery = await fetch(`${options.issuer}/.well-known/openid-configuration`);
  if (!discovery.ok) {
    throw new Error(`OpenID discovery failed: ${await describeResponse(discovery)}`);
  }
  const metadata = (await discovery.json()) as { authorization_endpoint?: unknown };
  if (typeof metadata.authorization_endpoint !== 'string') {
    throw new Error('The discovery document has no authorization_endpoint');
  }

  const authorize = new URL(metadata.authorization_endpoint);
  authorize.searchParams.set('client_id', options.clientId);
  authorize.searchParams.set('redirect_uri', options.redirectUri);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('scope', options.scope ?? 'openid email profile');
  authorize.searchParams.set('state', options.state ?? randomBytes(16).toString('base64url'));
  if (options.codeChallenge) {
    authorize.searchParams.set('code_challenge', options.codeChallenge);
    authorize.searchParams.set('code_challenge_method', 'S256');
  }
  if (options.nonce !== undefined) authorize.searchParams.set('nonce', options.nonce);

  const { account } = options;
  const sub = account.sub ?? subjectForEmail(account.email);
  const form = new URLSearchParams({
    email: account.email,
    given_name: account.givenName ?? '',
    family_name: account.familyName ?? '',
    sub,
  });
  if (account.emailVerified ?? true) form.set('email_verified', 'true');

  const jar = new CookieJar();
  let url = authorize;
  let request: RequestInit = { method: 'GET' };
  let signedIn = false;

  for (let step = 0; step < MAX_STEPS; step += 1) {
    const response = await fetch(url, {
      ...request,
      redirect: 'manual',
      headers: { ...(request.headers as Record<string, string> | undefined), cookie: jar.header() },
    });
    jar.store(response);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (isRedirectUri(next, options.redirectUri)) {
        const error = next.searchParams.get('error');
        if (error) {
          const description = next.searchParams.get('error_description');
          throw new Error(
            `The provider refused: ${error}${description ? ` (${description})` : ''}`,
          );
        }
        const code = next.searchParams.get('code');
        if (!code) throw new Error(`The provider redirected without a code: ${next.href}`);
        return { code, state: next.searchParams.get('state'), sub };
      }
      url = next;
      request = { method: 'GET' };
      continue;
    }

    if (response.status === 200 && /^\/interaction\/[^/]+$/.test(url.pathname) && !signedIn) {
      const html = await response.text();
      const action = /<form[^>]*\saction="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`No sign-in form at ${url.href}`);
      url = new URL(action.replaceAll('&amp;', '&'), url);
      request = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      };
      signedIn = true;
      continue;
    }

    throw new Error(`Unexpected answer from ${url.href}: ${await describeResponse(response)}`);
  }
  throw new Error(`The authorization flow took more than ${MAX_STEPS} steps`);
}
