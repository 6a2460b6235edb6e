import Link from 'next/link';

/** The 404 wording, shared by the site-wide page and the portal's (which keeps the navigation). */
export function NotFoundMessage() {
  return (
    <>
      <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">404</p>
      <h1 className="mt-2 text-2xl font-bold">Page not found</h1>
      <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
        The page does not exist, or it is not yours to see.
      </p>
      <Link
        href="/dashboard"
        className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
      >
        Back to the dashboard
      </Link>
    </>
  );
}
