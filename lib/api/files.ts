import { z } from 'zod';
import { defineEndpoint } from '@/lib/http/endpoint';

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
  query: z.object({
    customer: z.string().max(12).optional(),
    expires: z.string().max(12).optional(),
    signature: z.string().max(64).optional(),
  }),
  responses: {
    200: { description: 'The file (application/octet-stream)' },
    206: { description: 'The requested range' },
    403: { description: 'Invalid or expired link, no active license, or a deactivated account' },
    416: { description: 'Range not satisfiable' },
  },
});
