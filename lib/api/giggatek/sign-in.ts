import 'server-only';
import { loginForAccessToken } from '@/lib/auth/token-sessions';
import { GIGGATEK_TOKEN_TTL_SECONDS } from './endpoints';
import { presentGiggatekUser } from './present';

/** Signs in on document 4's surface and answers as its login and register do. */
export async function giggatekSignIn(
  message: string,
  input: { email: string; password: string; ip: string; userAgent: string | null },
) {
  const login = await loginForAccessToken({
    ...input,
    surface: 'GIGGATEK',
    ttlSeconds: GIGGATEK_TOKEN_TTL_SECONDS,
    renewable: true,
  });
  return {
    message,
    user: presentGiggatekUser(login.user),
    token: login.accessToken,
    expires_in: GIGGATEK_TOKEN_TTL_SECONDS,
  };
}
