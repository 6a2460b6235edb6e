import { RelativeTime } from '@/components/ui/date';
import type { OutboxMail as Mail } from '@/lib/mail/notifications';
import { DeliveryStatusBadge } from './delivery-status-badge';

/** One e-mail of the development outbox: subject and state, its addresses, its text. */
export function OutboxMail({ mail }: { mail: Mail }) {
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-medium break-words">{mail.subject}</h2>
        <DeliveryStatusBadge status={mail.status} />
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-xs text-slate-500 dark:text-slate-400">
        <dt>To</dt>
        <dd className="break-all">{mail.to}</dd>
        {mail.replyTo ? (
          <>
            <dt>Reply-To</dt>
            <dd className="break-all">{mail.replyTo}</dd>
          </>
        ) : null}
        <dt>Queued</dt>
        <dd>
          <RelativeTime date={mail.createdAt} />
        </dd>
      </dl>
      <pre className="mt-3 text-sm break-words whitespace-pre-wrap">{mail.text}</pre>
    </article>
  );
}
