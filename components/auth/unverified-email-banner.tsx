import type { FormAction } from '@/lib/actions/validated-action';
import { ResendVerificationForm } from './resend-verification-form';

/** Above every portal page while the customer's address is not confirmed. */
export function UnverifiedEmailBanner({ email, resend }: { email: string; resend: FormAction }) {
  return (
    <section
      aria-label="Unconfirmed e-mail address"
      className="border-b border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
        <p>
          <strong className="font-semibold">
            Confirm your e-mail address to buy, download and open tickets.
          </strong>{' '}
          Follow the link we sent to <span className="break-all">{email}</span>.
        </p>
        <ResendVerificationForm action={resend} className="shrink-0 sm:max-w-sm" />
      </div>
    </section>
  );
}
