'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
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
