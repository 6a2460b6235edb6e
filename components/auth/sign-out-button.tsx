'use client';

import { signOut } from 'next-auth/react';
import { useState, useSyncExternalStore } from 'react';
import { buttonClass } from '@/components/ui/button';

const noSubscription = () => () => undefined;

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  // Disabled until hydrated: a click before the handler is attached would otherwise do nothing.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <button
      type="button"
      disabled={pending || !hydrated}
      className={buttonClass('secondary', 'px-3 py-1.5')}
      onClick={async () => {
        setPending(true);
        // signOut revokes the server-side session (NextAuth's signOut event);
        // the full navigation drops every cached portal page from memory.
        await signOut({ redirect: false });
        window.location.replace('/login');
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
