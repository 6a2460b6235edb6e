import 'server-only';
import type { RegisterInput } from '@/lib/accounts/lifecycle';
import {
  loginForAccessToken,
  registerForAccessToken,
  type AccessTokenLogin,
} from '@/lib/auth/token-sessions';
import { GIGGATEK_TOKEN_TTL_SECONDS } from './endpoints';
import { presentGiggatekUser } from './present';

/** Document 4's one-hour tokens, renewed by bearer for the surface's 7 days. */
const sessionRequest = (ip: string, userAgent: string | null) => ({
  surface: 'GIGGATEK' as const,
  ttlSeconds: GIGGATEK_TOKEN_TTL_SECONDS,
  renewable: true,
  ip,
  userAgent,
});

/** Document 4's login and register answer alike: a message, the user and the token. */
function answer(message: string, login: AccessTokenLogin) {
  return {
    message,
    user: presentGiggatekUser(login.user),
    token: login.accessToken,
    expires_in: GIGGATEK_TOKEN_TTL_SECONDS,
  };
}

/** Signs in on document 4's surface. */
export async function giggatekSignIn(
  message: string,
  input: { email: string; password: string; ip: string; userAgent: string | null },
) {
  const { ip, userAgent, ...credentials } = input;
  return answer(
    message,
    await loginForAccessToken({ ...credentials, ...sessionRequest(ip, userAgent) }),
  );
}

/** Registers on document 4's surface, signed in at once. */
export async function giggatekRegistration(
  message: string,
  registration: RegisterInput,
  userAgent: string | null,
) {
  const request = sessionRequest(registration.ip, userAgent);
  return answer(message, await registerForAccessToken(registration, request));
}
