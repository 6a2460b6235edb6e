import 'server-only';
import * as client from 'openid-client';
import { providerClaimsSchema, type ProviderIdentity } from '@/lib/accounts/linked-accounts';
import { getEnv, type OidcSettings } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';

/**
 * OpenID Connect for API clients (document 2's `POST /auth/callback`): an app that ran the
 * authorization-code flow with PKCE against the provider hands the portal the code, its redirect
 * URI and its code verifier; the portal redeems the code with its client secret and verifies the
 * ID token (signature against the provider's published keys, issuer, audience, expiry, and the
 * nonce when one is sent) before anyone is signed in. openid-client does the protocol; nothing
 * here parses a token by hand. The browser's "Continue with …" button goes through NextAuth's
 * provider instead (lib/auth/next-auth.ts), which makes the same checks.
 */

export function oidcSettings(): OidcSettings {
  const settings = getEnv().oidc;
  if (!settings) {
    throw new AppError('OIDC_NOT_CONFIGURED', 'Sign-in through an OpenID provider is not set up');
  }
  return settings;
}

let cached: { key: string; config: Promise<client.Configuration> } | undefined;

/** The provider's discovery document, read once per process (and again after a failure). */
function configuration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  if (cached?.key !== key) {
    const config = client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        client.ClientSecretBasic(settings.clientSecret),
        settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .then((found) => {
        // Verify the ID token's signature too, not only what came over TLS.
        client.enableNonRepudiationChecks(found);
        return found;
      });
    cached = { key, config };
    config.catch(() => {
      if (cached?.config === config) cached = undefined;
    });
  }
  return cached.config;
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  nonce?: string;
}

const unavailable = (settings: OidcSettings) =>
  new AppError(
    'OIDC_PROVIDER_UNAVAILABLE',
    `${settings.name} could not be reached or refused the portal's credentials; try again later`,
  );

/**
 * Redeems an authorization code and answers the identity its verified ID token names. A code the
 * provider refuses (used, expired, issued for another redirect URI or code challenge) and an ID
 * token that fails a check are the caller's 400; a provider that cannot be reached is a 502.
 */
export async function exchangeAuthorizationCode(input: CodeExchange): Promise<ProviderIdentity> {
  const settings = oidcSettings();
  if (!settings.redirectUris.includes(new URL(input.redirectUri).href)) {
    throw new AppError('URL_NOT_ALLOWED', 'This redirect URI is not registered with the portal', {
      issues: [{ field: 'redirectUri', message: 'is not one of the registered redirect URIs' }],
    });
  }
  let config: client.Configuration;
  try {
    config = await configuration(settings);
  } catch (err) {
    logger.error({ event: 'oidc_discovery_failed', error: describe(err) }, 'OIDC discovery failed');
    throw unavailable(settings);
  }

  // The authorization response as the app received it at its redirect URI. The portal trusts one
  // issuer only, so it states that issuer for the mix-up check itself.
  const response = new URL(input.redirectUri);
  response.searchParams.set('code', input.code);
  if (config.serverMetadata().authorization_response_iss_parameter_supported) {
    response.searchParams.set('iss', config.serverMetadata().issuer);
  }
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, response, {
      pkceCodeVerifier: input.codeVerifier,
      expectedNonce: input.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw exchangeError(err, settings);
  }
  const parsed = providerClaimsSchema.safeParse(tokens.claims());
  if (!parsed.success) {
    throw new AppError('OIDC_CODE_INVALID', 'The ID token lacks a usable subject or e-mail claim');
  }
  return {
    issuer: config.serverMetadata().issuer,
    providerName: settings.name,
    claims: parsed.data,
  };
}

/** oauth4webapi's codes for a token that failed a check (signature failures are INVALID_RESPONSE). */
const ID_TOKEN_CHECKS = new Set([
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_KEY_SELECTION_FAILED',
]);

function exchangeError(err: unknown, settings: OidcSettings): AppError {
  if (err instanceof client.ResponseBodyError) {
    // The app's code, verifier or redirect URI: its mistake. Anything else is the portal's
    // own client settings (invalid_client…) or the provider's trouble.
    if (err.error === 'invalid_grant' || err.error === 'invalid_request') {
      return new AppError(
        'OIDC_CODE_INVALID',
        'The authorization code is invalid, expired or already used, or was issued for another redirect URI or code verifier',
      );
    }
    logger.error(
      { event: 'oidc_token_error', error: err.error, description: err.error_description },
      'the provider refused the code exchange',
    );
    return unavailable(settings);
  }
  if (err instanceof client.ClientError && err.code && ID_TOKEN_CHECKS.has(err.code)) {
    // openid-client's checks of the ID token (signature, issuer, audience, expiry, nonce): the
    // token does not fit this app's request, or was not made by the provider.
    return new AppError('OIDC_CODE_INVALID', `The ID token failed a check: ${err.message}`);
  }
  logger.error(
    { event: 'oidc_exchange_failed', error: describe(err) },
    'OIDC code exchange failed',
  );
  return unavailable(settings);
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));
