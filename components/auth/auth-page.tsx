import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { textLinkClass } from '@/components/ui/button-class';

/**
 * The frame of the pages a signed-out visitor sees (sign in, register, reset the password,
 * confirm the address): the brand, the page's heading, one card, and links beneath it.
 */
export function AuthPage({
  title,
  wide = false,
  footer,
  children,
}: {
  title: string;
  /** Room for two fields side by side (registration). */
  wide?: boolean;
  footer?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className={cn('w-full', wide ? 'max-w-lg' : 'max-w-sm')}>
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase dark:text-brand-100">
            Sense Security
          </p>
          <h1 className="mt-2 text-2xl font-bold">{title}</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          {children}
        </div>
        {footer ? (
          <div className="mt-6 space-y-2 text-center text-sm text-slate-600 dark:text-slate-300">
            {footer}
          </div>
        ) : null}
      </div>
    </main>
  );
}

/** One line under the card: some words and a link. */
export function AuthFooterLink({
  href,
  lead,
  children,
}: {
  href: string;
  lead?: string;
  children: React.ReactNode;
}) {
  return (
    <p>
      {lead ? `${lead} ` : null}
      <Link href={href} className={textLinkClass}>
        {children}
      </Link>
    </p>
  );
}
