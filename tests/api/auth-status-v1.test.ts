/**
 * Document 4's status and permissions, as the primary API serves them too (/api/v1/auth/status
 * and /permissions): in the envelope, with the address's verification beside the user.
 */
import { describe, expect, it } from 'vitest';
import { disconnectAfterAll } from '../support/db';
import { expectStatus, expectV1Error, signedIn, type V1Success } from '../support/v1';

disconnectAfterAll();

describe('/api/v1/auth/status and /permissions', () => {
  it("answer the caller, verified or not, and the caller's permissions", async () => {
    const { api, token, user } = await signedIn({ emailVerified: false });
    const status = await api<
      V1Success<{ authenticated: boolean; user: { email: string }; email_verified: boolean }>
    >('/api/v1/auth/status', { token });
    expectStatus(status, 200);
    expect(status.json.data).toMatchObject({
      authenticated: true,
      user: { email: user.email },
      email_verified: false,
      force_password_change: false,
    });
    const permissions = await api<V1Success<{ permissions: string[] }>>(
      '/api/v1/auth/permissions',
      {
        token,
      },
    );
    expectStatus(permissions, 200);
    expect(permissions.json.data.permissions).toContain('CREATE_TICKETS');
    expect(permissions.json.data.permissions).not.toContain('REPLY_TICKETS');
    expectV1Error(await api('/api/v1/auth/status'), 401);
  });
});
