'use client';

import { useEffect, useId, useState } from 'react';
import {
  ACCEPTED_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_MAX,
} from '@/lib/validations/support';
import { formatBytes } from '@/lib/format';

interface Upload {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'failed';
  id?: string;
  error?: string;
}

const ACCEPT = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',');

/** What the upload endpoint answers, as far as the picker reads it. */
interface UploadAnswer {
  data?: { id?: string };
  message?: string;
}

/**
 * Files for a message, uploaded the moment they are chosen to `uploadUrl` (the same endpoint API
 * clients use, with the browser's session), and sent as the hidden field `attachmentIds`. The
 * server decides what is allowed: it reads each file's content, so a failure shows its words.
 */
export function AttachmentPicker({
  uploadUrl,
  onBusyChange,
  error,
}: {
  uploadUrl: string;
  onBusyChange?: (busy: boolean) => void;
  /** The form's complaint about the files sent (one already sent, say). */
  error?: string;
}) {
  const inputId = useId();
  const hintId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const busy = uploads.some((u) => u.state === 'uploading');
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);

  const update = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const upload = async (file: File, key: string) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      update(key, { state: 'failed', error: `${file.name} is larger than 10 MiB` });
      return;
    }
    const body = new FormData();
    body.append('file', file);
    try {
      const response = await fetch(uploadUrl, { method: 'POST', body, credentials: 'same-origin' });
      const answer = (await response.json().catch(() => ({}))) as UploadAnswer;
      if (response.ok && answer.data?.id) update(key, { state: 'done', id: answer.data.id });
      else
        update(key, {
          state: 'failed',
          error: answer.message ?? `Upload failed (${response.status})`,
        });
    } catch {
      update(key, { state: 'failed', error: 'The upload did not reach the server; try again' });
    }
  };

  const choose = (files: FileList | null) => {
    if (!files) return;
    const room = ATTACHMENTS_MAX - uploads.filter((u) => u.state !== 'failed').length;
    const chosen = [...files].slice(0, Math.max(0, room));
    const added = chosen.map((file) => ({
      key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
      name: file.name,
      size: file.size,
      state: 'uploading' as const,
    }));
    const skipped = files.length - chosen.length;
    setUploads((list) => [
      ...list,
      ...added,
      ...(skipped > 0
        ? [
            {
              key: `limit-${Date.now()}`,
              name: `${skipped} more file${skipped > 1 ? 's' : ''}`,
              size: 0,
              state: 'failed' as const,
              error: `At most ${ATTACHMENTS_MAX} files a message`,
            },
          ]
        : []),
    ]);
    chosen.forEach((file, i) => {
      const entry = added[i];
      if (entry) void upload(file, entry.key);
    });
  };

  const ids = uploads.flatMap((u) => (u.state === 'done' && u.id ? [u.id] : []));
  return (
    <div className="space-y-2">
      <input type="hidden" name="attachmentIds" value={ids.join(',')} />
      <label htmlFor={inputId} className="block text-sm font-medium">
        Attachments (optional)
      </label>
      <input
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={hintId}
        onChange={(e) => {
          choose(e.target.files);
          e.target.value = '';
        }}
        className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200 dark:text-slate-300 dark:file:bg-slate-800 dark:file:text-slate-200"
      />
      <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
        Up to {ATTACHMENTS_MAX} files of 10 MiB: images, PDF, text logs (.txt, .log) or zip.
      </p>
      {error ? <p className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      {uploads.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-live="polite" aria-label="Attachments">
          {uploads.map((u) => (
            <li key={u.key} className="flex flex-wrap items-center gap-2">
              <span className="break-all">{u.name}</span>
              {u.size > 0 ? (
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {formatBytes(u.size)}
                </span>
              ) : null}
              {u.state === 'uploading' ? (
                <span className="text-xs text-slate-500 dark:text-slate-400">Uploading…</span>
              ) : u.state === 'done' ? (
                <span className="text-xs text-green-700 dark:text-green-400">Attached</span>
              ) : (
                <span role="alert" className="text-xs text-red-700 dark:text-red-300">
                  {u.error}
                </span>
              )}
              {u.state !== 'uploading' ? (
                <button
                  type="button"
                  className="text-xs font-medium text-slate-600 underline hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                  onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                  aria-label={`Remove ${u.name}`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
