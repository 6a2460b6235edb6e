import { z } from 'zod';

/**
 * The downloads feature's schemas: release ids and platforms, the download-link query and the
 * downloads page's form. No server-only imports, so pages and forms may use them.
 */

/** The platforms a release is built for, in the order they are offered. */
export const PLATFORMS = ['windows-x64', 'macos-arm64', 'linux-x64'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Release ids: `software_v` and the major version (`software_v2`). */
export const RELEASE_ID = /^software_v[1-9][0-9]{0,3}$/;

export const releaseIdParams = z.object({
  id: z
    .string()
    .regex(RELEASE_ID, 'must be a release id (software_v<major>)')
    .meta({ description: 'A release id, e.g. `software_v2`', example: 'software_v2' }),
});

export const downloadUrlQuery = z
  .object({
    platform: z
      .enum(PLATFORMS)
      .optional()
      .meta({ description: 'Which build; the first available one when omitted' }),
  })
  .strict();

/** One file of one release, as the downloads page posts it. */
export const downloadFormSchema = z.object({
  releaseId: z.string().regex(RELEASE_ID, 'is not a release id'),
  platform: z.enum(PLATFORMS, { error: 'is not a platform' }),
});
