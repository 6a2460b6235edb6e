/**
 * Small HTML helpers for the emulator's hosted pages: escaping, money, one stylesheet allowed by
 * its hash in a strict Content-Security-Policy (no script at all).
 */
import { createHash } from 'node:crypto';

export interface Page {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
h1 { font-size: 1.25rem; margin-top: 0; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit;
  border: 1px solid #8792a2; border-radius: 4px; }
input[aria-invalid='true'] { border-color: #b42318; }
.row { display: flex; gap: 1rem; } .row > div { flex: 1; }
button { margin-top: 1.5rem; width: 100%; padding: 0.75rem; font: inherit; font-weight: 600;
  color: #fff; background: #4f46e5; border: 0; border-radius: 4px; cursor: pointer; }
.error { color: #b42318; font-weight: 600; }
.note { color: #4f566b; font-size: 0.875rem; }
table { width: 100%; border-collapse: collapse; } td { padding: 0.25rem 0; }
td:last-child { text-align: right; }
a { color: #4f46e5; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** A complete HTML page; `formTargets` are origins a form may post or be redirected to. */
export function htmlPage(status: number, title: string, content: string, formTargets = ''): Page {
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    "img-src 'self' data:",
    `form-action 'self' ${formTargets}`.trim(),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}
