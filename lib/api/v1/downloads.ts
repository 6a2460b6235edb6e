import { z } from 'zod';
import type { DownloadLink, DownloadView } from '@/lib/downloads/releases';
import { isoSeconds } from '@/lib/format';
import type { EndpointSpec } from '@/lib/http/endpoint';
import { endpointGroup } from '@/lib/http/endpoint-group';
import { downloadUrlQuery, releaseIdParams } from '@/lib/validations/downloads';
import { v1Answer, v1Errors } from './envelope';

/** /api/v1 downloads (document 2): the releases and signed, expiring download links. */
const releaseFileSchema = z
  .object({
    platform: z.string().meta({ example: 'windows-x64' }),
    filename: z.string(),
    size: z.number().int().meta({ description: 'Bytes' }),
    sha256: z.string().meta({ description: "The file's SHA-256, hex" }),
  })
  .meta({ id: 'ReleaseFile' });

export const downloadSchema = z
  .object({
    id: z.string().meta({ example: 'software_v2' }),
    productType: z.string().meta({ example: 'base_product' }),
    version: z.string().meta({ example: '2.0.0' }),
    majorVersion: z.number().int(),
    releasedAt: z.string().meta({ description: 'ISO 8601 UTC, whole seconds' }),
    notes: z.string().nullable(),
    files: z.array(releaseFileSchema),
    canDownload: z.boolean().meta({ description: 'An active license covers this major version' }),
    reason: z
      .string()
      .nullable()
      .meta({ description: 'Why not, for people; null when canDownload' }),
  })
  .meta({ id: 'Download' });

export const downloadLinkSchema = z
  .object({
    url: z.string().meta({
      description:
        'Signed link to GET /api/files/{release}/{platform}; needs no credentials until it expires',
    }),
    expiresAt: z.string().meta({ description: 'ISO 8601 UTC, whole seconds' }),
    releaseId: z.string().meta({ example: 'software_v2' }),
    version: z.string(),
    platform: z.string(),
    filename: z.string(),
    size: z.number().int(),
    sha256: z.string(),
  })
  .meta({ id: 'DownloadLink' });

export function presentDownload(d: DownloadView) {
  return {
    id: d.id,
    productType: d.productType,
    version: d.version,
    majorVersion: d.majorVersion,
    releasedAt: isoSeconds(d.releasedAt),
    notes: d.notes,
    files: d.files.map((f) => ({
      platform: f.platform,
      filename: f.filename,
      size: f.size,
      sha256: f.sha256,
    })),
    canDownload: d.canDownload,
    reason: d.reason,
  };
}

export function presentDownloadLink(link: DownloadLink) {
  return {
    url: link.url,
    expiresAt: isoSeconds(link.expiresAt),
    releaseId: link.releaseId,
    version: link.version,
    platform: link.platform,
    filename: link.filename,
    size: link.size,
    sha256: link.sha256,
  };
}

const { 400: e400 } = v1Errors;
const define = endpointGroup('v1', ['Downloads (v1)']);

export const v1ListDownloads = define({
  operationId: 'v1ListDownloads',
  method: 'GET',
  path: '/api/v1/downloads',
  summary: 'Software releases, each saying whether this customer may download it',
  description:
    'Every release (newest major first) with its files (platform, size, SHA-256). A release is downloadable with an active license for its major version. `data` is a plain array, not paginated.',
  responses: { 200: v1Answer('Releases', z.array(downloadSchema)) },
});

export const v1DownloadUrl = define({
  operationId: 'v1GetDownloadUrl',
  method: 'GET',
  path: '/api/v1/downloads/{id}/url',
  summary: 'A signed download link that expires',
  description:
    "Release ids are public (`software_v2`); the link needs an active license covering the release's major version, else 403 `LICENSE_REQUIRED`. `platform` picks the build (the first one when omitted); a platform without a build is a 404. The link expires after DOWNLOAD_URL_TTL_SECONDS (5 minutes by default) and works for this customer, release and platform only; the file answers with its SHA-256 in `X-Checksum-SHA256`, and supports HEAD and Range.",
  params: releaseIdParams,
  query: downloadUrlQuery,
  publicResource: 'release',
  responses: {
    200: v1Answer('Signed link', downloadLinkSchema),
    400: e400,
    403: {
      description: '`LICENSE_REQUIRED`: no active license covers this release',
      schema: v1Errors[403].schema,
    },
    404: {
      description: 'No such release, or no build for that platform',
      schema: v1Errors[400].schema,
    },
  },
});

export const v1DownloadEndpoints: EndpointSpec[] = [v1ListDownloads, v1DownloadUrl];
