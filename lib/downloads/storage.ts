import 'server-only';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { getEnv } from '@/lib/env';

/**
 * Where release files live: one small interface, so an S3-compatible bucket (ranged GetObject)
 * could replace the folder without touching the download route.
 */
export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface ReleaseStorage {
  /** The object's size in bytes, or null when it is missing. */
  size(key: string): Promise<number | null>;
  /** A stream of the object's bytes (or one range of them), read as the client consumes them. */
  open(key: string, range?: ByteRange): ReadableStream<Uint8Array>;
}

export class FolderStorage implements ReleaseStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private resolve(key: string): string {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(this.root + path.sep))
      throw new Error(`Storage key escapes the folder: ${key}`);
    return full;
  }

  async size(key: string): Promise<number | null> {
    try {
      const info = await stat(this.resolve(key));
      return info.isFile() ? info.size : null;
    } catch {
      return null;
    }
  }

  open(key: string, range?: ByteRange): ReadableStream<Uint8Array> {
    const stream = createReadStream(this.resolve(key), {
      start: range?.start,
      end: range?.end,
      highWaterMark: 256 * 1024,
    });
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  }
}

let storage: ReleaseStorage | undefined;

export function releaseStorage(): ReleaseStorage {
  storage ??= new FolderStorage(getEnv().DOWNLOADS_DIR);
  return storage;
}
