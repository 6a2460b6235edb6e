/** Headers on every response; the page CSP (with its nonce) comes from proxy.ts. */
function securityHeaders(production) {
  const headers = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  ];
  if (production) {
    headers.push({
      key: 'Strict-Transport-Security',
      value: 'max-age=63072000; includeSubDomains',
    });
  }
  return headers;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two builds (say, a test run and a benchmark) coexist.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The build checks the app's own code; `npm test` type-checks everything (tests, scripts).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  reactStrictMode: true,
  typedRoutes: false,
  serverExternalPackages: [
    'bcrypt',
    'piscina',
    'pino',
    'pg',
    '@electric-sql/pglite',
    'ioredis',
    'pg-boss',
    'nodemailer',
    'mailparser',
  ],
  experimental: {
    serverActions: { bodySizeLimit: '64kb' },
    // Next buffers bodies for proxy.ts up to this size and silently cuts the rest: keep it above
    // the largest body a route accepts (an attachment upload: 10 MiB plus its multipart framing),
    // so an oversized upload reaches the route whole enough to be refused with 413, never truncated.
    proxyClientMaxBodySize: 11 * 1024 * 1024,
  },
  async headers() {
    const production = process.env.NODE_ENV === 'production';
    return [
      { source: '/:path*', headers: securityHeaders(production) },
      {
        // These pages carry a mailed token in their URL: no request they make may pass it on.
        // Listed after '/:path*', so this value replaces the general one.
        source: '/:page(reset-password|verify-email|end-sessions)',
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      },
      {
        source: '/:surface(api|client|v1)/:path*',
        // `sandbox`: a file served from here (a ticket attachment) that a browser opens anyway runs
        // nothing and reaches no origin.
        headers: [
          {
            key: 'Content-Security-Policy',
            value: "default-src 'none'; frame-ancestors 'none'; sandbox",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
