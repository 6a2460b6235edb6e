'use server';

import { validatedAction } from '@/lib/actions/validated-action';
import { mintDownloadUrl } from '@/lib/downloads/releases';
import { downloadFormSchema } from '@/lib/validations/payments';
import type { DownloadState } from '@/components/downloads/download-button';

/**
 * A fresh signed link, minted at the moment of the click (links expire within minutes, so one
 * rendered with the page could be stale). The button then sends the browser to it.
 */
export async function downloadAction(
  _previous: DownloadState,
  formData: FormData,
): Promise<DownloadState> {
  let url: string | undefined;
  const run = validatedAction(
    downloadFormSchema,
    async (data, session) => {
      const link = await mintDownloadUrl(session.user.id, data.releaseId, data.platform);
      url = link.url;
      return { success: `Downloading ${link.filename}` };
    },
    { invalidMessage: 'That download is not available.' },
  );
  const state = await run({}, formData);
  return url ? { ...state, url } : state;
}
