import 'server-only';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { getEnv } from '@/lib/env';

/**
 * Where release files and ticket attachments live: one small interface, so an S3-compatible
 * bucket (PutObject, ranged GetObject, DeleteObject) could replace the folder without touching
 * the routes. Releases and attachments have separate roots (DOWNLOADS_DIR, ATTACHMENTS_DIR).
 */
export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface ObjectStorage {
  /** The object's size in bytes, or null when it is missing. */
  size(key: string): Promise<number | null>;
  /** A stream of the object's bytes (or one range of them), read as the client consumes them. */
  open(key: string, range?: ByteRange): ReadableStream<Uint8Array>;
  /** Stores the object whole: readers see the old object or the new one, never a part. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export class FolderStorage implements ObjectStorage {
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

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const full = this.resolve(key);
    await mkdir(path.dirname(full), { recursive: true });
    // Written beside its final name, then renamed: a rename within a folder is atomic.
    const partial = `${full}.${randomUUID()}.partial`;
    await writeFile(partial, bytes, { flag: 'wx' });
    await rename(partial, full);
  }

  async delete(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }
}

let releases: ObjectStorage | undefined;
let attachments: ObjectStorage | undefined;

export function releaseStorage(): ObjectStorage {
  releases ??= new FolderStorage(getEnv().DOWNLOADS_DIR);
  return releases;
}

export function attachmentStorage(): ObjectStorage {
  attachments ??= new FolderStorage(getEnv().ATTACHMENTS_DIR);
  return attachments;
}
