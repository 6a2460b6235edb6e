/**
 * The test OpenID provider (tools/oidc-provider) is a real one: discovery, the authorization-code
 * flow through its sign-in form, PKCE it insists on, and ID tokens that openid-client verifies
 * against its keys and that carry the account's e-mail, verification flag and names.
 */
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '@/tools/oidc-provider/provider';
import { authorizationCode, pkcePair } from '../support/oidc';

const CLIENT_ID = 'portal-test';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const REDIRECT_URI = 'http://127.0.0.1:3999/api/auth/callback/oidc';

let provider: TestOidcProvider;
let config: client.Configuration;

beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
  });
  config = await client.discovery(
    new URL(provider.issuer),
    CLIENT_ID,
    undefined,
    client.ClientSecretBasic(CLIENT_SECRET),
    { execute: [client.allowInsecureRequests] },
  );
});

afterAll(async () => {
  await provider?.stop();
});

function uniqueEmail(): string {
  return `oidc-${randomBytes(6).toString('hex')}@example.test`;
}

/** A code for a new account at the provider, with this challenge (and nonce). */
function codeForNewAccount(codeChallenge: string, nonce?: string) {
  return authorizationCode({
    issuer: provider.issuer,
    clientId: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    account: { email: uniqueEmail() },
    codeChallenge,
    nonce,
  });
}

/** The redirect the browser would land on, as openid-client expects it. */
function callbackUrl(code: string, state: string | null): URL {
  const url = new URL(REDIRECT_URI);
  url.searchParams.set('code', code);
  if (state !== null) url.searchParams.set('state', state);
  url.searchParams.set('iss', provider.issuer);
  return url;
}

describe('test OpenID provider', () => {
  it('publishes discovery on a loopback http issuer, with S256 PKCE only', async () => {
    expect(provider.issuer).toBe(`http://127.0.0.1:${provider.port}`);
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(provider.issuer);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
    expect(metadata.token_endpoint_auth_methods_supported).toContain('client_secret_basic');
    expect(metadata.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'email', 'profile']),
    );
    expect(config.serverMetadata().authorization_endpoint).toBe(`${provider.issuer}/auth`);
  });

  it('signs an account in and issues an RS256 ID token with its claims', async () => {
    const email = uniqueEmail();
    const { verifier, challenge } = pkcePair();
    const nonce = client.randomNonce();
    const state = client.randomState();
    const result = await authorizationCode({
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      account: { email, givenName: 'Ada', familyName: 'Lovelace' },
      codeChallenge: challenge,
      nonce,
      state,
    });
    expect(result.state).toBe(state);
    expect(result.sub).toMatch(/^user-[0-9a-f]{16}$/);

    const tokens = await client.authorizationCodeGrant(
      config,
      callbackUrl(result.code, result.state),
      { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state },
    );
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: provider.issuer,
      aud: CLIENT_ID,
      sub: result.sub,
      nonce,
      email,
      email_verified: true,
      given_name: 'Ada',
      family_name: 'Lovelace',
      name: 'Ada Lovelace',
    });
    const header = JSON.parse(
      Buffer.from(tokens.id_token?.split('.')[0] ?? '', 'base64url').toString('utf8'),
    ) as { alg?: string; kid?: string };
    expect(header.alg).toBe('RS256');
    expect(header.kid).toBeTruthy();

    // The same e-mail signs in as the same subject; the userinfo endpoint agrees.
    const info = await client.fetchUserInfo(config, tokens.access_token, result.sub);
    expect(info).toMatchObject({ sub: result.sub, email, email_verified: true });
  });

  it('keeps the subject given on the form and an unverified e-mail as false', async () => {
    const email = uniqueEmail();
    const sub = `custom-${randomBytes(4).toString('hex')}`;
    const { verifier, challenge } = pkcePair();
    const nonce = client.randomNonce();
    const result = await authorizationCode({
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      account: { email, emailVerified: false, sub },
      codeChallenge: challenge,
      nonce,
    });
    expect(result.sub).toBe(sub);

    const tokens = await client.authorizationCodeGrant(
      config,
      callbackUrl(result.code, result.state),
      {
        pkceCodeVerifier: verifier,
        expectedNonce: nonce,
        expectedState: result.state ?? undefined,
      },
    );
    const claims = tokens.claims();
    expect(claims?.sub).toBe(sub);
    expect(claims?.email).toBe(email);
    expect(claims?.email_verified).toBe(false);
    expect(claims).not.toHaveProperty('given_name');
    expect(claims).not.toHaveProperty('name');
  });

  it('refuses a code with the wrong PKCE verifier (invalid_grant)', async () => {
    const { challenge } = pkcePair();
    const nonce = client.randomNonce();
    const result = await codeForNewAccount(challenge, nonce);

    const attempt = client.authorizationCodeGrant(config, callbackUrl(result.code, result.state), {
      pkceCodeVerifier: pkcePair().verifier,
      expectedNonce: nonce,
      expectedState: result.state ?? undefined,
    });
    await expect(attempt).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses the wrong client secret at the token endpoint', async () => {
    const { verifier, challenge } = pkcePair();
    const result = await codeForNewAccount(challenge);
    const wrong = await client.discovery(
      new URL(provider.issuer),
      CLIENT_ID,
      undefined,
      client.ClientSecretBasic('not-the-secret'),
      { execute: [client.allowInsecureRequests] },
    );
    const attempt = client.authorizationCodeGrant(wrong, callbackUrl(result.code, result.state), {
      pkceCodeVerifier: verifier,
      expectedState: result.state ?? undefined,
    });
    await expect(attempt).rejects.toMatchObject({
      status: 401,
      cause: [{ scheme: 'basic', parameters: { error: 'invalid_client' } }],
    });
  });

  it('refuses an authorization request without a code_challenge', async () => {
    const attempt = authorizationCode({
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      account: { email: uniqueEmail() },
      codeChallenge: '',
    });
    await expect(attempt).rejects.toThrow(/invalid_request.*PKCE/);
  });

  it('refuses a redirect URI the client did not register', async () => {
    const attempt = authorizationCode({
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      redirectUri: 'http://127.0.0.1:3999/elsewhere',
      account: { email: uniqueEmail() },
      codeChallenge: pkcePair().challenge,
    });
    await expect(attempt).rejects.toThrow(/400.*redirect_uri did not match/);
  });
});
