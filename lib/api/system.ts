import { z } from 'zod';
import { defineEndpoint } from '@/lib/http/endpoint';

export const healthEndpoint = defineEndpoint({
  operationId: 'health',
  method: 'GET',
  path: '/api/health',
  surface: 'internal',
  tags: ['System'],
  summary: 'Liveness',
  auth: 'none',
  rateLimit: false,
  responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
});

export const readyEndpoint = defineEndpoint({
  operationId: 'ready',
  method: 'GET',
  path: '/api/ready',
  surface: 'internal',
  tags: ['System'],
  summary: 'Readiness: the database answers; says where rate limits are kept',
  auth: 'none',
  rateLimit: false,
  responses: {
    200: {
      description: 'Ready',
      schema: z.object({
        status: z.enum(['ok', 'degraded']),
        database: z.literal('ok'),
        rateLimitStore: z.enum(['memory', 'redis', 'memory-fallback']),
      }),
    },
    503: { description: 'The database does not answer' },
  },
});

export const openApiEndpoint = defineEndpoint({
  operationId: 'openapi',
  method: 'GET',
  path: '/api/v1/openapi.json',
  surface: 'v1',
  tags: ['System'],
  summary: 'This document',
  auth: 'none',
  rateLimit: false,
  responses: { 200: { description: 'OpenAPI 3.1 document' } },
});

export const systemEndpoints = [healthEndpoint, readyEndpoint, openApiEndpoint];
