import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload past the size limit: nothing of it is kept. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限 / the file exceeds the limit of ${maxBytes} bytes`);
  }
}

export interface SavedUpload {
  bytes: number;
  /** hex SHA-256 of the bytes as received */
  sha256: string;
}

/**
 * Streams an upload to a file, hashing and counting on the way: memory stays flat whatever the
 * file's size, and a body past `maxBytes` is cut off at the limit (not read to its end) with the
 * partial file removed. The source is left open, so an HTTP request can still be answered (413).
 * Used by the gateway and by the subgraph that receives the file.
 */
export async function saveUpload(source: Readable, path: string, maxBytes: number): Promise<SavedUpload> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source.iterator({ destroyOnReturn: false }), meter, createWriteStream(path, { flags: 'wx' }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { bytes, sha256: hash.digest('hex') };
}
