'use server';

import { validatedAction } from '@/lib/actions/validated-action';
import { mintDownloadUrl } from '@/lib/downloads/releases';
import { downloadFormSchema } from '@/lib/validations/downloads';

/**
 * A fresh signed link, minted at the moment of the click (links expire within minutes, so one
 * rendered with the page could be stale). The button then sends the browser to it.
 */
export const downloadAction = validatedAction(
  downloadFormSchema,
  async (data, session) => {
    const link = await mintDownloadUrl(session.user.id, data.releaseId, data.platform);
    return { success: `Downloading ${link.filename}`, data: { url: link.url } };
  },
  { invalidMessage: 'That download is not available.' },
);
