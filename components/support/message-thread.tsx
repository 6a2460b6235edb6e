import { RelativeTime } from '@/components/ui/date';
import { cn } from '@/components/ui/cn';

export interface ThreadMessage {
  id: number;
  body: string;
  internal: boolean;
  createdAt: Date;
  author: { name: string; staff: boolean };
}

/**
 * A ticket's thread, oldest first. Bodies are plain text: React escapes them, and
 * `whitespace-pre-wrap` keeps their line breaks. Internal notes (staff pages only) look different
 * and say so in words.
 */
export function MessageThread({
  description,
  openedBy,
  openedAt,
  messages,
}: {
  description: string;
  openedBy: string;
  openedAt: Date;
  messages: ThreadMessage[];
}) {
  return (
    <ol className="space-y-4" aria-label="Messages">
      <li>
        <MessageCard
          author={openedBy}
          createdAt={openedAt}
          body={description}
          tone="customer"
          label="Opened the ticket"
        />
      </li>
      {messages.map((m) => (
        <li key={m.id}>
          <MessageCard
            author={m.author.name}
            createdAt={m.createdAt}
            body={m.body}
            tone={m.internal ? 'note' : m.author.staff ? 'agent' : 'customer'}
            label={m.internal ? 'Internal note: only staff see this' : undefined}
          />
        </li>
      ))}
    </ol>
  );
}

function MessageCard({
  author,
  createdAt,
  body,
  tone,
  label,
}: {
  author: string;
  createdAt: Date;
  body: string;
  tone: 'customer' | 'agent' | 'note';
  label?: string;
}) {
  return (
    <article
      data-testid={tone === 'note' ? 'internal-note' : 'message'}
      className={cn(
        'rounded-xl border p-4',
        tone === 'customer' && 'border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900',
        tone === 'agent' && 'border-brand-100 bg-brand-50 dark:border-slate-700 dark:bg-slate-800',
        tone === 'note' &&
          'border-dashed border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950',
      )}
    >
      <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{author}</span>
        <span className="text-slate-500 dark:text-slate-400">
          {label ? (
            <span className="mr-2 font-medium text-amber-800 dark:text-amber-200">{label}</span>
          ) : null}
          <RelativeTime date={createdAt} />
        </span>
      </header>
      <p className="text-sm break-words whitespace-pre-wrap">{body}</p>
    </article>
  );
}
