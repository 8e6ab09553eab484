import * as iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'gb18030';

/** Bytes looked at, from the first non-ASCII byte on, before an encoding is chosen. */
export const SNIFF_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * UTF-8 when the sample is strictly valid UTF-8, else GB18030 (a superset of GBK and GB2312).
 * `complete` says the sample is the whole rest of the file; when it is not, a multibyte character cut
 * at the sample's end is not held against UTF-8 (the streaming decoder keeps it pending).
 *
 * Why no statistical detector: GB18030 Chinese is valid UTF-8 only by accident, for runs of the ~900
 * characters whose two bytes look like a 2-byte UTF-8 sequence (鲁茂 reads as "³ï"); a ledger's
 * Chinese header alone rules that out. chardet was tried as a tie-break for such samples and rates
 * any valid UTF-8 at 80, above every GB guess, so it cannot break that tie; it is not used.
 */
export function sniffEncoding(sample: Uint8Array, complete: boolean): TextEncoding {
  if (UTF8_BOM.every((b, i) => sample[i] === b)) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

const firstNonAscii = (buf: Buffer) => buf.findIndex((b) => b >= 0x80);

/**
 * Decodes a byte stream whose encoding is detected, not configured. ASCII before the first non-ASCII
 * byte reads the same in both encodings, so it passes straight through; from that byte on, up to
 * SNIFF_BYTES are held to choose the encoding. Memory stays flat whatever the file size.
 * A UTF-8 BOM is dropped.
 */
export async function* decodeText(bytes: AsyncIterable<Buffer>, onEncoding?: (e: TextEncoding) => void): AsyncGenerator<string> {
  let decoder: iconv.DecoderStream | undefined;
  let held: Buffer = Buffer.alloc(0);
  let sinceNonAscii = -1; // offset in `held` of its first non-ASCII byte
  const choose = (complete: boolean): iconv.DecoderStream => {
    const encoding = sniffEncoding(held.subarray(Math.max(sinceNonAscii, 0)), complete);
    onEncoding?.(encoding);
    return iconv.getDecoder(encoding, { stripBOM: true });
  };
  for await (const chunk of bytes) {
    if (decoder) {
      const s = decoder.write(chunk);
      if (s) yield s;
      continue;
    }
    held = held.length ? Buffer.concat([held, chunk]) : chunk;
    if (sinceNonAscii < 0) sinceNonAscii = firstNonAscii(held);
    if (sinceNonAscii < 0) {
      yield held.toString('latin1'); // pure ASCII so far: the same in either encoding
      held = Buffer.alloc(0);
    } else if (held.length - sinceNonAscii >= SNIFF_BYTES) {
      decoder = choose(false);
      const s = decoder.write(held);
      held = Buffer.alloc(0);
      if (s) yield s;
    }
  }
  if (!decoder) {
    if (sinceNonAscii < 0) {
      onEncoding?.('utf8'); // empty or pure ASCII file
      return;
    }
    decoder = choose(true);
    const s = decoder.write(held);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
