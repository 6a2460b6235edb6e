'use server';

import { publicAction } from '@/lib/actions/public-action';
import { endAllSessions } from '@/lib/accounts/lifecycle';
import { mailedTokenBody } from '@/lib/validations/auth';

/** A security e-mail's "end all sessions", by POST (opening the link changes nothing). */
export const endSessionsAction = publicAction(
  mailedTokenBody,
  async (data) => {
    const { endedSessions } = await endAllSessions({ token: data.token });
    return {
      success: `Every session of your account has ended (${endedSessions} signed out).`,
    };
  },
  { invalidMessage: 'This link is invalid, used or expired' },
);
