import type { client } from './http';

type ApiClient = ReturnType<typeof client>;

/** `name=value` pairs from a response's Set-Cookie headers. */
export function cookiePairs(headers: Headers): string[] {
  return headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
}

/**
 * Signs in through NextAuth as a browser does (CSRF cookie and token, then the
 * credentials callback) and returns the Cookie header that carries the portal
 * session, or null when sign-in did not set one.
 */
export async function browserSignIn(
  api: ApiClient,
  user: { email: string; password: string },
): Promise<string | null> {
  const csrf = await api<{ csrfToken?: string }>('/api/auth/csrf');
  const csrfToken = csrf.json?.csrfToken;
  if (csrf.status !== 200 || !csrfToken) return null;
  const res = await api('/api/auth/callback/credentials', {
    method: 'POST',
    headers: {
      cookie: cookiePairs(csrf.headers).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      csrfToken,
      email: user.email,
      password: user.password,
      json: 'true',
    }).toString(),
  });
  const session = cookiePairs(res.headers).find((c) => /^(__Host-)?portal\.session=./.test(c));
  return session ?? null;
}
