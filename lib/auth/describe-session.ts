import type { SessionSurface } from './sessions';

const SURFACES: Record<SessionSurface, string> = {
  BROWSER: 'Web portal',
  API_V1: 'API (v1)',
  CLIENT: 'Sense Security client',
  AUTH_API: 'Auth API',
  GIGGATEK: 'Giggatek API',
};

export function describeSurface(surface: SessionSurface): string {
  return SURFACES[surface];
}

/** A short, human name for a user agent: "Chrome on Linux", "curl", "Unknown device". */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /^curl\//i.test(ua)
            ? 'curl'
            : /node|undici|axios|python|okhttp|Go-http/i.test(ua)
              ? 'API client'
              : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /iPhone|iPad/.test(ua)
          ? 'iOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 40);
}
