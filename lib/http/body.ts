import { AppError } from '@/lib/errors';

const tooLarge = (max: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `Request body must be at most ${max} bytes`);

/**
 * Reads the body with a hard byte limit. A declared Content-Length over the
 * limit is refused before reading; a chunked body is counted as it streams
 * and cut off the moment it passes the limit.
 */
export async function readBodyBytes(
  req: Request,
  maxBytes: number,
  refusal: AppError = tooLarge(maxBytes),
): Promise<Buffer> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw refusal;
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw refusal;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as UTF-8 text, with readBodyBytes' limit. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readBodyBytes(req, maxBytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('INVALID_JSON', 'Request body is not valid UTF-8');
  }
}

/** Empty body → undefined; otherwise JSON, or a 400 that says where it broke. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(req, maxBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : 'unparseable';
    throw new AppError('INVALID_JSON', 'Request body is not valid JSON', { notes: [detail] });
  }
}
