import { RelativeTime } from '@/components/ui/date';
import { cn } from '@/components/ui/cn';
import { formatBytes } from '@/lib/format';

export interface ThreadAttachment {
  id: number;
  fileName: string;
  size: number;
  inline: boolean;
}

export interface ThreadMessage {
  id: number;
  body: string;
  internal: boolean;
  createdAt: Date;
  author: { name: string; staff: boolean };
  attachments: ThreadAttachment[];
}

/** A signed, short-lived path to one attachment for the viewer (the page signs it). */
type LinkFor = (attachmentId: number) => string;

/**
 * A ticket's thread, oldest first. Bodies are plain text: React escapes them, and
 * `whitespace-pre-wrap` keeps their line breaks. Internal notes (staff pages only) look different
 * and say so in words.
 */
export function MessageThread({
  ticket: { description, attachments, createdAt: openedAt, messages },
  openedBy,
  linkFor,
}: {
  /** The opening (description and its files, when) and the messages after it. */
  ticket: {
    description: string;
    attachments: ThreadAttachment[];
    createdAt: Date;
    messages: ThreadMessage[];
  };
  openedBy: string;
  linkFor: LinkFor;
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
          files={<Attachments list={attachments} linkFor={linkFor} />}
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
            files={<Attachments list={m.attachments} linkFor={linkFor} />}
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
  files,
}: {
  author: string;
  createdAt: Date;
  body: string;
  tone: 'customer' | 'agent' | 'note';
  label?: string;
  files: React.ReactNode;
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
      {files}
    </article>
  );
}

/**
 * A message's files: images as thumbnails (the only files a browser is allowed to show inline),
 * everything else as a download link with its size.
 */
function Attachments({ list, linkFor }: { list: ThreadAttachment[]; linkFor: LinkFor }) {
  if (list.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-3" aria-label="Attachments">
      {list.map((a) => (
        <li key={a.id} className="max-w-full">
          <a
            href={linkFor(a.id)}
            className="group flex max-w-xs flex-col gap-1 text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
            {...(a.inline ? { target: '_blank', rel: 'noopener' } : { download: a.fileName })}
          >
            {a.inline ? (
              // eslint-disable-next-line @next/next/no-img-element -- a signed, private link: next/image would cache it server-side
              <img
                src={linkFor(a.id)}
                alt={a.fileName}
                loading="lazy"
                className="max-h-40 max-w-full self-start rounded-lg border border-slate-200 object-contain dark:border-slate-700"
              />
            ) : null}
            <span className="break-all">
              {a.fileName}{' '}
              <span className="font-normal text-slate-500 dark:text-slate-400">
                ({formatBytes(a.size)})
              </span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
