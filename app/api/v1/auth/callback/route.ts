import { presentLinkOutcome, presentV1Login, v1OidcCallback } from '@/lib/api/v1/auth';
import { v1Ok } from '@/lib/api/v1/envelope';
import { exchangeAuthorizationCode } from '@/lib/auth/oidc';
import { loginWithProviderForTokens } from '@/lib/auth/token-sessions';
import { methods, route } from '@/lib/http/handler';

/** Document 2's `POST /auth/callback`: an OpenID Connect code in, the portal's own tokens out. */
const handler = route(v1OidcCallback, async ({ body, ip, userAgent }) => {
  const login = await loginWithProviderForTokens(() => exchangeAuthorizationCode(body), {
    surface: 'API_V1',
    ip,
    userAgent,
  });
  return {
    body: v1Ok('Login successful', {
      ...presentV1Login(login),
      account: presentLinkOutcome(login.outcome),
    }),
  };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ POST: handler });
