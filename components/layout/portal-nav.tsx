'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import { SignOutButton } from '@/components/auth/sign-out-button';

const NAV = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/contracts', label: 'Contracts' },
  { href: '/purchases', label: 'Purchases' },
  { href: '/billing', label: 'Billing' },
  { href: '/licenses', label: 'Licenses' },
  { href: '/downloads', label: 'Downloads' },
  { href: '/support', label: 'Support' },
  { href: '/account/profile', label: 'Account', match: '/account' },
];

/** Only for support agents and administrators. */
const STAFF_NAV = [{ href: '/staff/tickets', label: 'Queue', match: '/staff' }];

export function PortalNav({ userName, staff = false }: { userName: string; staff?: boolean }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const links = [...NAV, ...(staff ? STAFF_NAV : [])].map((item) => {
    const active = pathname.startsWith(item.match ?? item.href);
    return (
      <Link
        key={item.href}
        href={item.href}
        aria-current={active ? 'page' : undefined}
        onClick={() => setOpen(false)}
        className={cn(
          'rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap lg:px-2',
          active
            ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white'
            : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white',
        )}
      >
        {item.label}
      </Link>
    );
  });
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link
          href="/dashboard"
          className="shrink-0 text-base font-bold whitespace-nowrap text-brand-700 dark:text-white"
        >
          Sense Security
        </Link>
        <nav aria-label="Main" className="hidden items-center gap-1 lg:flex">
          {links}
        </nav>
        <div className="hidden shrink-0 items-center gap-3 whitespace-nowrap lg:flex">
          <span className="hidden max-w-36 truncate text-sm text-slate-500 xl:inline dark:text-slate-400">
            {userName}
          </span>
          <SignOutButton />
        </div>
        <button
          type="button"
          className="rounded-lg p-2 lg:hidden"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((v) => !v)}
        >
          <span className="sr-only">{open ? 'Close menu' : 'Open menu'}</span>
          <svg className="h-6 w-6" viewBox="0 0 24 24" fill="none" aria-hidden="true">
            <path
              d="M4 6h16M4 12h16M4 18h16"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
        </button>
      </div>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label="Main"
          className="flex flex-col gap-1 border-t border-slate-200 px-4 py-3 lg:hidden dark:border-slate-800"
        >
          {links}
          <div className="mt-2 flex items-center justify-between">
            <span className="text-sm text-slate-500 dark:text-slate-300">{userName}</span>
            <SignOutButton />
          </div>
        </nav>
      ) : null}
    </header>
  );
}
