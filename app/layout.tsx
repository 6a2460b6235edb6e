import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sense Security portal', template: '%s · Sense Security' },
  description: 'Your Sense Security contracts, purchases, licenses and support.',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

/**
 * Reading the request headers makes every page render per request, which a
 * nonce-based CSP needs: Next.js stamps the proxy's nonce on its own scripts.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" data-nonce-present={nonce ? 'true' : undefined}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
