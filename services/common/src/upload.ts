import { createHash } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
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
    await pipeline(source.iterator({ destroyOnReturn: false }), meter, createWriteStream(path, { flags: 'wx', mode: UPLOAD_FILE_MODE }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Uploaded ledgers hold full ID numbers: readable by the service's own user only, file and directory. */
export const UPLOAD_FILE_MODE = 0o600;
export const UPLOAD_DIR_MODE = 0o700;

/** Makes (or narrows) a directory uploads wait in: only the service's own user may list or read it. */
export function uploadDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: UPLOAD_DIR_MODE });
  chmodSync(dir, UPLOAD_DIR_MODE); // one made before, or by a volume mount, with a wider mode
}

/**
 * Why a stored upload cannot be the ledger file its name says, or undefined: an empty body; an .xlsx
 * that is no ZIP (every XLSX starts "PK\x03\x04"); a .csv whose first 4 KB hold a NUL or other binary
 * control bytes (text in UTF-8 or GBK, as the ledger kit reads, has none). Refused at upload, so a
 * clerk learns at once, not at the preview.
 */
export async function uploadProblem(path: string, ext: string, bytes: number): Promise<string | undefined> {
  if (bytes === 0) return '文件为空 / the file is empty';
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(bytes, 4096));
    await file.read(head, 0, head.length, 0);
    if (ext === '.xlsx')
      return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
        ? undefined
        : "不是 XLSX 文件（文件头不符）/ not an XLSX file (its first bytes are not a workbook's)";
    // eslint-disable-next-line no-control-regex -- binary bytes are what is looked for
    const binary = head.toString('latin1').match(/[\x00-\x08\x0e-\x1a\x1c-\x1f]/g)?.length ?? 0;
    return binary > 0 ? '不是文本 CSV 文件（含二进制内容）/ not a text CSV file (it holds binary bytes)' : undefined;
  } finally {
    await file.close();
  }
}
