/**
 * Sign-in through an OpenID provider on the real database, against a real provider the test
 * starts (tools/oidc-provider): codes redeemed with PKCE by lib/auth/oidc.ts, identities keyed on
 * (issuer, sub), linking by address only when the provider verified it, the pre-registered
 * unverified account that dies before it is linked, and accounts without a password.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset, resetPassword, sendPasswordReset } from '@/lib/accounts/lifecycle';
import { unlinkProvider } from '@/lib/accounts/linked-accounts';
import { setPassword } from '@/lib/accounts/users';
import { changePassword } from '@/lib/auth/change-password';
import { exchangeAuthorizationCode } from '@/lib/auth/oidc';
import { validateSession } from '@/lib/auth/sessions';
import { signIn, signInWithProvider } from '@/lib/auth/sign-in';
import { loginWithProviderForTokens } from '@/lib/auth/token-sessions';
import { db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { stopBoss } from '@/lib/jobs/boss';
import { startOidcProvider, type TestOidcProvider } from '@/tools/oidc-provider/provider';
import { recordSecret } from '../support/artifacts';
import { codeOf } from '../support/errors';
import { authorizationCode, pkcePair, type ProviderAccount } from '../support/oidc';
import { createTestUser, randomIp } from '../support/users';

const CLIENT_ID = 'portal-integration';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const REDIRECT_URI = 'http://127.0.0.1:3999/app/oidc-callback';
/** Registered at the provider, but not on the portal's allow-list. */
const UNLISTED_URI = 'http://127.0.0.1:3999/elsewhere';

let provider: TestOidcProvider;
const saved = { ...process.env };

beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [REDIRECT_URI, UNLISTED_URI],
      },
    ],
  });
  Object.assign(process.env, {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URIS: REDIRECT_URI,
    OIDC_NAME: 'Auth0',
  });
  if (getEnv().oidc?.issuer !== provider.issuer) {
    throw new Error(
      'getEnv() was read before this file set OIDC_ISSUER; it is cached on first use',
    );
  }
});

afterAll(async () => {
  process.env = saved;
  await stopBoss();
  await provider?.stop();
});

const newAddress = () => `oidc-${randomBytes(6).toString('hex')}@example.test`;

/** A code for `account`, as an app would receive it at its redirect URI. */
async function codeFor(
  account: ProviderAccount,
  options: { nonce?: string; redirectUri?: string } = {},
) {
  const pkce = pkcePair();
  const { code, sub } = await authorizationCode({
    issuer: provider.issuer,
    clientId: CLIENT_ID,
    redirectUri: options.redirectUri ?? REDIRECT_URI,
    account,
    codeChallenge: pkce.challenge,
    nonce: options.nonce,
  });
  return { code, sub, codeVerifier: pkce.verifier, redirectUri: REDIRECT_URI };
}

/** Through the provider and the exchange into a signed-in session, as the API callback does. */
async function signInAs(account: ProviderAccount) {
  const nonce = randomBytes(16).toString('base64url');
  const { code, codeVerifier } = await codeFor(account, { nonce });
  const identity = await exchangeAuthorizationCode({
    code,
    codeVerifier,
    redirectUri: REDIRECT_URI,
    nonce,
  });
  return loginWithProviderForTokens(identity, {
    surface: 'API_V1',
    ip: randomIp(),
    userAgent: 'vitest',
  });
}

/** A password sign-in, as /api/v1's login makes it. */
const passwordSignIn = (user: { email: string; password: string }) =>
  signIn({ ...user, surface: 'API_V1', ip: randomIp() });

const mailsTo = (email: string, kind: string) =>
  db.notification.count({ where: { toAddress: email, kind } });

describe('the code exchange', () => {
  it('redeems a code once, with its verifier and nonce, and names the verified identity', async () => {
    const email = newAddress();
    const nonce = randomBytes(16).toString('base64url');
    const { code, codeVerifier, sub } = await codeFor(
      { email, givenName: 'Ada', familyName: 'Byron' },
      { nonce },
    );
    const identity = await exchangeAuthorizationCode({
      code,
      codeVerifier,
      redirectUri: REDIRECT_URI,
      nonce,
    });
    expect(identity.issuer).toBe(provider.issuer);
    expect(identity.claims).toMatchObject({ sub, email, email_verified: true, given_name: 'Ada' });

    // The same code again: the provider refuses it, and so does the portal, as the caller's 400.
    expect(
      await codeOf(
        exchangeAuthorizationCode({ code, codeVerifier, redirectUri: REDIRECT_URI, nonce }),
      ),
    ).toBe('OIDC_CODE_INVALID');
  });

  it('refuses a wrong code verifier, a wrong or missing nonce, and an unlisted redirect URI', async () => {
    const email = newAddress();
    const wrongVerifier = await codeFor({ email });
    expect(
      await codeOf(
        exchangeAuthorizationCode({ ...wrongVerifier, codeVerifier: pkcePair().verifier }),
      ),
    ).toBe('OIDC_CODE_INVALID');

    const nonce = randomBytes(16).toString('base64url');
    const wrongNonce = await codeFor({ email }, { nonce });
    expect(await codeOf(exchangeAuthorizationCode({ ...wrongNonce, nonce: `${nonce}x` }))).toBe(
      'OIDC_CODE_INVALID',
    );
    // A nonce was sent with the authorization request, so leaving it out is refused too.
    const missingNonce = await codeFor({ email }, { nonce });
    expect(await codeOf(exchangeAuthorizationCode(missingNonce))).toBe('OIDC_CODE_INVALID');

    // Registered at the provider, but not with the portal: refused before the provider is asked.
    const unlisted = await codeFor({ email }, { redirectUri: UNLISTED_URI });
    expect(
      await codeOf(exchangeAuthorizationCode({ ...unlisted, redirectUri: UNLISTED_URI })),
    ).toBe('URL_NOT_ALLOWED');
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it('refuses an ID token altered on its way: its signature no longer fits', async () => {
    const victim = await createTestUser();
    const { code, codeVerifier } = await codeFor({ email: newAddress() });
    provider.tamperWithNextIdToken((claims) => ({ ...claims, email: victim.email }));
    expect(
      await codeOf(exchangeAuthorizationCode({ code, codeVerifier, redirectUri: REDIRECT_URI })),
    ).toBe('OIDC_CODE_INVALID');
    expect(await db.linkedAccount.count({ where: { userId: victim.id } })).toBe(0);
  });

  it('answers OIDC_NOT_CONFIGURED when no provider is set up', async () => {
    const env = getEnv();
    const oidc = env.oidc;
    env.oidc = null;
    try {
      expect(
        await codeOf(
          exchangeAuthorizationCode({
            code: 'x',
            codeVerifier: pkcePair().verifier,
            redirectUri: REDIRECT_URI,
          }),
        ),
      ).toBe('OIDC_NOT_CONFIGURED');
    } finally {
      env.oidc = oidc;
    }
  });
});

describe('linking rules', () => {
  it('creates a verified customer without a password for a new address, and finds it again by subject', async () => {
    const email = newAddress();
    const first = await signInAs({ email, givenName: 'Grace', familyName: 'Hopper' });
    expect(first.outcome).toBe('created');
    expect(first.user).toMatchObject({
      email,
      firstName: 'Grace',
      lastName: 'Hopper',
      role: 'CUSTOMER',
    });
    const row = await db.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toBeNull();
    expect(row.emailVerifiedAt).not.toBeNull();
    expect(await validateSession(first.sessionId)).not.toBeNull();

    // The provider later changes the address: the identity still signs in to the same account,
    // because it is keyed on (issuer, sub), not on the address.
    const sub = (await db.linkedAccount.findFirstOrThrow({ where: { userId: row.id } })).subject;
    const again = await signInAs({ email: newAddress(), sub });
    expect(again.outcome).toBe('signed_in');
    expect(again.user.id).toBe(row.id);
    expect(await db.linkedAccount.count({ where: { userId: row.id } })).toBe(1);
  });

  it('links a verified local account, mails the owner, and keeps its password and sessions', async () => {
    const local = await createTestUser();
    const before = await passwordSignIn(local);
    const linked = await signInAs({ email: local.email });
    expect(linked.outcome).toBe('linked');
    expect(linked.user.id).toBe(local.id);
    expect(await mailsTo(local.email, 'account_provider_linked')).toBe(1);
    expect(await validateSession(before.session.id)).not.toBeNull();
    const password = await passwordSignIn(local);
    expect(password.user.id).toBe(local.id);
    const link = await db.linkedAccount.findFirstOrThrow({ where: { userId: local.id } });
    expect(link).toMatchObject({ issuer: provider.issuer, email: local.email });
  });

  it('refuses an address the provider has not verified, and changes nothing', async () => {
    const local = await createTestUser();
    expect(await codeOf(signInAs({ email: local.email, emailVerified: false }))).toBe(
      'OIDC_EMAIL_UNVERIFIED',
    );
    const email = newAddress();
    expect(await codeOf(signInAs({ email, emailVerified: false }))).toBe('OIDC_EMAIL_UNVERIFIED');
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.linkedAccount.count({ where: { userId: local.id } })).toBe(0);
    expect(await mailsTo(local.email, 'account_provider_linked')).toBe(0);
    const still = await passwordSignIn(local);
    expect(still.user.id).toBe(local.id);
  });

  it('takes a pre-registered, unverified account from its registrant: password and sessions end first', async () => {
    // Someone registers the victim's address in advance and sets a password of their own.
    const squatter = await createTestUser({ emailVerified: false, phone: '+1 555 0100' });
    const squatterSession = await passwordSignIn(squatter);

    const owner = await signInAs({ email: squatter.email, givenName: 'Real', familyName: 'Owner' });
    expect(owner.outcome).toBe('linked_reclaimed');
    expect(owner.user.id).toBe(squatter.id);
    const row = await db.user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(row).toMatchObject({
      passwordHash: null,
      firstName: 'Real',
      lastName: 'Owner',
      phone: null,
    });
    expect(row.emailVerifiedAt).not.toBeNull();
    expect(await validateSession(squatterSession.session.id)).toBeNull();
    expect(await validateSession(owner.sessionId)).not.toBeNull();
    expect(await codeOf(passwordSignIn(squatter))).toBe('INVALID_CREDENTIALS');
    expect(await mailsTo(squatter.email, 'account_provider_linked')).toBe(1);
  });

  it("lets no password change that began before the takeover write the squatter's password back", async () => {
    const squatter = await createTestUser({ emailVerified: false });
    // What changePassword read before its bcrypt work, while the takeover commits meanwhile.
    const { credentialVersion } = await db.user.findUniqueOrThrow({ where: { id: squatter.id } });
    await signInAs({ email: squatter.email });
    const late = db.$transaction((tx) =>
      setPassword(tx, {
        userId: squatter.id,
        passwordHash: 'not-a-real-hash',
        expectedVersion: credentialVersion,
      }),
    );
    expect(await codeOf(late)).toBe('CONFLICT');
    const row = await db.user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(row.passwordHash).toBeNull();
  });

  it('never links a staff account by address', async () => {
    const agent = await createTestUser({ role: 'SUPPORT_AGENT' });
    expect(await codeOf(signInAs({ email: agent.email }))).toBe('OIDC_LINK_REFUSED');
    expect(await db.linkedAccount.count({ where: { userId: agent.id } })).toBe(0);
  });

  it('neither links nor takes over a deactivated account', async () => {
    const inactive = await createTestUser({ active: false });
    expect(await codeOf(signInAs({ email: inactive.email }))).toBe('ACCOUNT_INACTIVE');
    const unverified = await createTestUser({ active: false, emailVerified: false });
    expect(await codeOf(signInAs({ email: unverified.email }))).toBe('ACCOUNT_INACTIVE');
    const row = await db.user.findUniqueOrThrow({ where: { id: unverified.id } });
    expect(row.passwordHash).not.toBeNull();
    expect(row.emailVerifiedAt).toBeNull();
    expect(
      await db.linkedAccount.count({ where: { userId: { in: [inactive.id, unverified.id] } } }),
    ).toBe(0);
  });

  it('takes what it can from odd profile claims instead of refusing the sign-in', async () => {
    const email = newAddress();
    const created = await signInAs({ email, givenName: 'G'.repeat(300), familyName: 'Long' });
    expect(created.outcome).toBe('created');
    expect(created.user.firstName).toBe('G'.repeat(100));
  });

  it('lets two first sign-ins of one identity race without a second account or link', async () => {
    const email = newAddress();
    const sub = `race-${randomBytes(6).toString('hex')}`;
    const results = await Promise.all([signInAs({ email, sub }), signInAs({ email, sub })]);
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.linkedAccount.count({ where: { subject: sub } })).toBe(1);
  });
});

describe('removing a linked provider', () => {
  it("removes the customer's own link only, and never the last way in", async () => {
    const local = await createTestUser();
    await signInAs({ email: local.email });
    const link = await db.linkedAccount.findFirstOrThrow({ where: { userId: local.id } });
    const other = await createTestUser();
    expect(await codeOf(unlinkProvider({ userId: other.id, linkId: link.id }))).toBe('NOT_FOUND');
    await unlinkProvider({ userId: local.id, linkId: link.id });
    expect(await db.linkedAccount.count({ where: { userId: local.id } })).toBe(0);

    const email = newAddress();
    const passwordless = await signInAs({ email });
    const only = await db.linkedAccount.findFirstOrThrow({
      where: { userId: passwordless.user.id },
    });
    expect(await codeOf(unlinkProvider({ userId: passwordless.user.id, linkId: only.id }))).toBe(
      'CONFLICT',
    );
    expect(await db.linkedAccount.count({ where: { id: only.id } })).toBe(1);
  });
});

describe('accounts without a password', () => {
  it('cannot sign in with a password or change one, and can set one through reset', async () => {
    const email = newAddress();
    const created = await signInAs({ email });
    const guess = `Guess-${randomBytes(9).toString('base64url')}`;
    expect(
      await codeOf(signIn({ email, password: guess, surface: 'API_V1', ip: randomIp() })),
    ).toBe('INVALID_CREDENTIALS');
    expect(
      await codeOf(
        changePassword({
          userId: created.user.id,
          currentSessionId: created.sessionId,
          currentPassword: guess,
          newPassword: `New-${randomBytes(9).toString('base64url')}`,
        }),
      ),
    ).toBe('PASSWORD_NOT_SET');

    await requestPasswordReset({ email, ip: randomIp() });
    await sendPasswordReset({ email });
    const mail = await db.notification.findFirstOrThrow({
      where: { toAddress: email, kind: 'account_password_reset' },
      orderBy: { id: 'desc' },
    });
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.textBody)?.[1] ?? '';
    const password = `Chosen-${randomBytes(9).toString('base64url')}`;
    recordSecret('password', password);
    await resetPassword({ token, password });
    const signedIn = await signIn({ email, password, surface: 'API_V1', ip: randomIp() });
    expect(signedIn.user.id).toBe(created.user.id);
    // The provider still signs in too.
    const sub = (await db.linkedAccount.findFirstOrThrow({ where: { userId: created.user.id } }))
      .subject;
    expect((await signInAs({ email, sub })).outcome).toBe('signed_in');
  });

  it('counts provider sign-ins against the per-address limit', async () => {
    const env = getEnv();
    const ip = randomIp();
    const outcomes: string[] = [];
    const identity = {
      issuer: provider.issuer,
      providerName: 'Auth0',
      claims: {
        sub: `limit-${randomBytes(4).toString('hex')}`,
        email: newAddress(),
        email_verified: true,
      },
    };
    for (let i = 0; i < env.RATE_LIMIT_LOGIN_IP_PER_MINUTE + 1; i++) {
      outcomes.push(await codeOf(signInWithProvider(identity, { surface: 'API_V1', ip })));
    }
    expect(outcomes.slice(0, -1).every((o) => o === 'OK')).toBe(true);
    expect(outcomes.at(-1)).toBe('RATE_LIMITED');
    // The limit comes before a code is redeemed: a made-up code is not even sent to the provider.
    let redeemed = false;
    const exchange = () => {
      redeemed = true;
      return exchangeAuthorizationCode({
        code: 'made-up',
        codeVerifier: pkcePair().verifier,
        redirectUri: REDIRECT_URI,
      });
    };
    expect(
      await codeOf(
        loginWithProviderForTokens(exchange, { surface: 'API_V1', ip, userAgent: null }),
      ),
    ).toBe('RATE_LIMITED');
    expect(redeemed).toBe(false);
  });
});
