import type { SessionSurface } from '@/lib/auth/sessions';
import { loginForTokens } from '@/lib/auth/token-sessions';
import { recordSecret } from './artifacts';
import { createTestUser, randomIp } from './users';

/**
 * A fresh customer signed in through the token sign-in (lib/auth/token-sessions) on `surface`,
 * with the refresh token recorded for the leak scan.
 */
export async function tokenLogin(surface: SessionSurface = 'API_V1') {
  const user = await createTestUser();
  const tokens = await loginForTokens({
    email: user.email,
    password: user.password,
    surface,
    ip: randomIp(),
    userAgent: 'vitest',
  });
  recordSecret('refresh_token', tokens.refreshToken);
  return { ...tokens, user };
}
