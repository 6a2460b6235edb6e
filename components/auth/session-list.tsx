'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { RowActionForm } from '@/components/ui/row-action-form';

export interface SessionRow {
  handle: string;
  device: string;
  surface: string;
  ip: string;
  lastSeen: string;
  lastSeenIso: string;
  signedIn: string;
  current: boolean;
}

export function SessionList({
  sessions,
  revokeAction,
  revokeOthersAction,
}: {
  sessions: SessionRow[];
  revokeAction: FormAction;
  revokeOthersAction: FormAction;
}) {
  const [state, othersAction] = useActionState(revokeOthersAction, {});
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-4">
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Active sessions">
        {sessions.map((s) => (
          <li
            key={s.handle}
            className="flex items-center justify-between gap-3 py-3"
            data-testid="session-row"
          >
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">
                {s.device}
                {s.current ? (
                  <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">
                    This device
                  </span>
                ) : null}
              </p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                {s.surface} · {s.ip} · signed in {s.signedIn} · last seen{' '}
                <time dateTime={s.lastSeenIso}>{s.lastSeen}</time>
              </p>
            </div>
            <RowActionForm
              action={revokeAction}
              name="handle"
              value={s.handle}
              pendingText="Revoking…"
            >
              {s.current ? 'Sign out' : 'Revoke'}
            </RowActionForm>
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form action={othersAction}>
          <SubmitButton variant="danger" pendingText="Signing out…">
            Sign out all other sessions
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
