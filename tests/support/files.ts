/**
 * Sample attachments, real files of each kind (the portal sniffs content, so a few magic bytes
 * would not do): a 1×1 PNG, a one-page PDF, a zip holding a log, a text log, and the hostile ones.
 */
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export const PNG = b64(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
);

export const PDF = new TextEncoder().encode(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
);

export const ZIP = b64(
  'UEsDBBQAAAAAAJCmhl0SDmVNEgAAABIAAAAPAAAAZGlhZ25vc3RpY3MubG9nc2Vuc29yIDEyIG9mZmxpbmUKUEsBAhQDFAAAAAAAkKaGXRIOZU0SAAAAEgAAAA8AAAAAAAAAAAAAAIABAAAAAGRpYWdub3N0aWNzLmxvZ1BLBQYAAAAAAQABAD0AAAA/AAAAAAA=',
);

export const LOG = new TextEncoder().encode(
  '2026-12-06T10:00:00Z sensor 12 offline\n2026-12-06T10:05:00Z sensor 12 online\n',
);

/** An HTML page with a script: what a disguised upload ("screenshot.png") really is. */
export const HTML = new TextEncoder().encode(
  '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n',
);

/** The start of a Windows executable. */
export const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

/** One byte over the 10 MiB limit, of a PNG's signature and zeros. */
export function oversizedPng(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
  bytes.set(PNG.subarray(0, 8));
  return bytes;
}

/** A multipart body that ends in the middle of its one part. */
export const BROKEN_MULTIPART = {
  method: 'POST',
  headers: { 'content-type': 'multipart/form-data; boundary=junk' },
  body: '--junk\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end',
} as const satisfies RequestInit;
