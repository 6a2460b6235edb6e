import pino from 'pino';

/**
 * Structured JSON logs on stdout. Secrets never reach a log line: the request
 * logger records method, path, status, timing and ids only, and these paths are
 * redacted in case an object carrying them is logged by mistake.
 */
const globalForLog = globalThis as unknown as { portalLogger?: pino.Logger };

export const logger: pino.Logger = (globalForLog.portalLogger ??= pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'sense-portal' },
    redact: {
      paths: [
        'password',
        '*.password',
        'passwordHash',
        '*.passwordHash',
        'refresh_token',
        '*.refresh_token',
        'access_token',
        '*.access_token',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'cookie',
        '*.cookie',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  },
  pino.destination({ sync: false }),
));
