'use client';

import { useActionState, useEffect } from 'react';
import { SubmitButton } from '@/components/ui/button';
import type { FormAction } from '@/lib/actions/validated-action';

/**
 * Asks the server for a fresh signed link, then navigates to it; the file route answers with
 * `Content-Disposition: attachment`, so the browser downloads and stays on this page.
 */
export function DownloadButton({
  releaseId,
  platform,
  filename,
  action,
}: {
  releaseId: string;
  platform: string;
  filename: string;
  /** Answers with the signed link just minted for this click. */
  action: FormAction<{ url: string }>;
}) {
  const [state, formAction, pending] = useActionState(action, {});

  useEffect(() => {
    if (state.data?.url) window.location.assign(state.data.url);
  }, [state]);

  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="platform" value={platform} />
      <SubmitButton
        pendingText="Preparing…"
        pending={pending}
        className="px-3 py-1.5"
        aria-label={`Download ${filename}`}
      >
        Download
      </SubmitButton>
      {state.error ? (
        <p role="alert" className="mt-1 max-w-60 text-xs text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      <p role="status" className="sr-only">
        {state.success ?? ''}
      </p>
    </form>
  );
}
