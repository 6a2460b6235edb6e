/**
 * Document 2's `POST /api/v1/auth/callback` over HTTP, against the real OpenID provider the test
 * runner starts (tools/oidc-provider): an app runs the authorization-code flow with PKCE at the
 * provider, and the portal turns the code into its own access and refresh tokens, in the login
 * envelope, after checking the ID token and the linking rules.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { recordSecret } from '../support/artifacts';
import { disconnectAfterAll } from '../support/db';
import { client } from '../support/http';
import { authorizationCode, pkcePair, type ProviderAccount } from '../support/oidc';
import { createTestUser } from '../support/users';
import { expectStatus, expectV1Error, login, type LoginData, type V1Success } from '../support/v1';

disconnectAfterAll();

const ISSUER = process.env.TEST_OIDC_ISSUER ?? '';
const CLIENT_ID = process.env.TEST_OIDC_CLIENT_ID ?? '';
const REDIRECT_URI = process.env.TEST_OIDC_REDIRECT_URI ?? '';
const UNLISTED_URI = process.env.TEST_OIDC_UNLISTED_REDIRECT_URI ?? '';
const PATH = '/api/v1/auth/callback';

const api = client();
const newAddress = () => `api-oidc-${randomBytes(6).toString('hex')}@example.test`;

type CallbackData = LoginData & { account: 'existing' | 'linked' | 'created' };

/** What an app holds after the provider redirected back to it: the body it sends the portal. */
async function appCallback(
  account: ProviderAccount,
  options: { nonce?: string; redirectUri?: string } = {},
) {
  const pkce = pkcePair();
  const redirectUri = options.redirectUri ?? REDIRECT_URI;
  const nonce = options.nonce ?? randomBytes(16).toString('base64url');
  const { code } = await authorizationCode({
    issuer: ISSUER,
    clientId: CLIENT_ID,
    redirectUri,
    account,
    codeChallenge: pkce.challenge,
    nonce,
  });
  return { code, redirectUri, codeVerifier: pkce.verifier, nonce };
}

async function exchange(body: Record<string, unknown>) {
  const res = await api<V1Success<CallbackData>>(PATH, { json: body });
  if (res.status === 200) recordSecret('refresh_token', res.json.data.refresh_token);
  return res;
}

describe('POST /api/v1/auth/callback', () => {
  it('signs a new customer in with the login envelope, and the tokens work', async () => {
    const email = newAddress();
    const res = await exchange(
      await appCallback({ email, givenName: 'Katherine', familyName: 'Johnson' }),
    );
    expectStatus(res, 200);
    expect(res.json.success).toBe(true);
    expect(res.json.message).toBe('Login successful');
    const data = res.json.data;
    expect(data.account).toBe('created');
    expect(data.user).toMatchObject({
      email,
      first_name: 'Katherine',
      last_name: 'Johnson',
      is_active: true,
    });
    expect(typeof data.user.id).toBe('number');
    expect(data.expires_in).toBe(900);
    expect(data.access_token.split('.')).toHaveLength(3);
    expect(data.refresh_token.length).toBeGreaterThanOrEqual(43);
    expect(res.text).not.toMatch(/password/i);

    const me = await api('/api/v1/profile', { token: data.access_token });
    expectStatus(me, 200);
    const refreshed = await api<V1Success<LoginData>>('/api/v1/auth/refresh', {
      json: { refresh_token: data.refresh_token },
    });
    expectStatus(refreshed, 200);
    recordSecret('refresh_token', refreshed.json.data.refresh_token);

    // No password: password sign-in fails as any wrong password does; change-password says why.
    const guess = `Guess-${randomBytes(9).toString('base64url')}`;
    const byPassword = await api('/api/v1/auth/login', { json: { email, password: guess } });
    expectV1Error(byPassword, 401, 'INVALID_CREDENTIALS');
    const change = await api('/api/v1/auth/change-password', {
      token: data.access_token,
      json: {
        current_password: guess,
        new_password: `New-${randomBytes(9).toString('base64url')}`,
      },
    });
    const body = expectV1Error(change, 409, 'PASSWORD_NOT_SET');
    expect(body.message).toMatch(/Forgot password/);
  });

  it('links an existing verified account and mails its owner', async () => {
    const user = await createTestUser();
    const res = await exchange(await appCallback({ email: user.email }));
    expectStatus(res, 200);
    expect(res.json.data.account).toBe('linked');
    expect(res.json.data.user.id).toBe(user.id);
    await expect
      .poll(
        () =>
          db.notification.count({
            where: { toAddress: user.email, kind: 'account_provider_linked' },
          }),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    // Its password still works.
    await login(api, user);

    // The next time, the identity is simply known.
    const again = await exchange(await appCallback({ email: user.email }));
    expectStatus(again, 200);
    expect(again.json.data.account).toBe('existing');
  });

  it('refuses an address the provider has not verified, with a message that says so', async () => {
    const user = await createTestUser();
    const res = await exchange(await appCallback({ email: user.email, emailVerified: false }));
    const body = expectV1Error(res, 403, 'OIDC_EMAIL_UNVERIFIED');
    expect(body.message).toContain('Auth0 has not verified');
    expect(await db.linkedAccount.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a used code, a wrong verifier, a wrong nonce and an unlisted redirect URI', async () => {
    const email = newAddress();
    const first = await appCallback({ email });
    expectStatus(await exchange(first), 200);
    expectV1Error(await exchange(first), 400, 'OIDC_CODE_INVALID');

    const wrongVerifier = await appCallback({ email });
    expectV1Error(
      await exchange({ ...wrongVerifier, codeVerifier: pkcePair().verifier }),
      400,
      'OIDC_CODE_INVALID',
    );
    const wrongNonce = await appCallback({ email });
    expectV1Error(
      await exchange({ ...wrongNonce, nonce: `${wrongNonce.nonce}x` }),
      400,
      'OIDC_CODE_INVALID',
    );
    const unlisted = await appCallback({ email }, { redirectUri: UNLISTED_URI });
    const refused = expectV1Error(await exchange(unlisted), 400, 'URL_NOT_ALLOWED');
    expect(refused.errors.join(' ')).toMatch(/redirect/i);
  });

  it('requires PKCE and says which field is wrong', async () => {
    const body = await appCallback({ email: newAddress() });
    const { codeVerifier: _verifier, ...withoutVerifier } = body;
    const missing = expectV1Error(await exchange(withoutVerifier), 400, 'VALIDATION_FAILED');
    expect(missing.errors.join(' ')).toMatch(/codeVerifier/);
    const short = expectV1Error(
      await exchange({ ...body, codeVerifier: 'too-short' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(short.errors.join(' ')).toMatch(/43 to 128/);
    // The code was never spent by those refusals: it still signs in.
    expectStatus(await exchange(body), 200);
  });
});
