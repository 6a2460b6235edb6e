import { z } from 'zod';
import { defineEndpoint } from '@/lib/http/endpoint';
import { prefixedIdParam } from '@/lib/validations/ids';
import { v1ErrorSchema } from './v1/envelope';

/** A signed link's query: who it was signed for (`holder`), its expiry and its signature. */
const signedLinkQuery = (holder: 'customer' | 'viewer') =>
  z.object({
    [holder]: z.string().max(12).optional(),
    expires: z.string().max(12).optional(),
    signature: z.string().max(64).optional(),
  });

export const downloadFileEndpoint = defineEndpoint({
  operationId: 'downloadFile',
  method: 'GET',
  path: '/api/files/{release}/{platform}',
  surface: 'internal',
  tags: ['Downloads'],
  summary: 'A release file, through a signed link from GET /api/v1/downloads/{id}/url',
  description:
    "No session needed: the link carries `customer`, `expires` (Unix seconds) and `signature` (HMAC-SHA256 over release, platform, customer and expiry). A tampered or expired link, a license no longer active, or a customer account deactivated since the link was minted, gets 403. Answers HEAD and single `Range: bytes=` requests (206, or 416 when unsatisfiable); `X-Checksum-SHA256` carries the file's SHA-256 in hex and `Repr-Digest` the same in RFC 9530 form.",
  auth: 'none',
  params: z.object({
    release: z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be a release id'),
    platform: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a platform'),
  }),
  query: signedLinkQuery('customer'),
  responses: {
    200: { description: 'The file (application/octet-stream)' },
    206: { description: 'The requested range' },
    403: { description: 'Invalid or expired link, no active license, or a deactivated account' },
    416: { description: 'Range not satisfiable' },
  },
});

export const attachmentFileEndpoint = defineEndpoint({
  operationId: 'attachmentFile',
  method: 'GET',
  path: '/api/attachments/{id}',
  surface: 'internal',
  tags: ['Support (v1)'],
  summary: 'A ticket attachment, through a signed link from a ticket',
  description:
    "No session needed: the link carries `viewer`, `expires` (Unix seconds) and `signature` (HMAC-SHA256 over the attachment, the viewer and the expiry), and lives ATTACHMENT_URL_TTL_SECONDS (5 minutes by default, rounded up to the next minute so a page that refreshes keeps the same link). The viewer's right is checked again on every request: the ticket's customer for what is public, staff for everything; otherwise 404. Raster images are served `inline`, everything else as `attachment`; always with the sniffed Content-Type, `X-Content-Type-Options: nosniff` and the API's sandboxing Content-Security-Policy.",
  auth: 'none',
  params: z.object({ id: prefixedIdParam('attachment', 'attachment_7') }),
  signedResource: 'attachment',
  query: signedLinkQuery('viewer'),
  responses: {
    200: { description: 'The file' },
    400: { description: 'Not an attachment id', schema: v1ErrorSchema },
    403: { description: 'Invalid or expired link', schema: v1ErrorSchema },
    404: {
      description: 'No such attachment, or not one this viewer may see',
      schema: v1ErrorSchema,
    },
  },
});
