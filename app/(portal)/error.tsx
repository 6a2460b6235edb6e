'use client';

import { buttonClass } from '@/components/ui/button';

export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-xl border border-red-200 bg-white p-8 text-center dark:border-red-900 dark:bg-slate-900"
    >
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
        The page could not be loaded. Your data is safe; please try again.
      </p>
      <button type="button" onClick={reset} className={buttonClass('primary', 'mt-4')}>
        Try again
      </button>
    </div>
  );
}
