import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { decodeText, type TextEncoding } from './encoding';

/** A record longer than this is an unterminated quote swallowing the file: stop before memory grows. */
const MAX_RECORD_CHARS = 1 << 20;

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合 / unterminated quoted field',
  CSV_MAX_RECORD_SIZE: '记录超过1MB，可能引号未闭合 / record over 1 MB, probably an unterminated quote',
  CSV_INVALID_CLOSING_QUOTE: '引号后紧跟其他字符 / characters right after a closing quote',
};

/** What went wrong in a CSV record, without its content; null when `e` is not a CSV syntax error. */
export function csvErrorReason(e: unknown): string | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('CSV_')) return null;
  return REASONS[code] ?? `CSV格式错误 / malformed CSV (${code})`;
}

/**
 * The records of a CSV file as arrays of strings, streamed: bytes → encoding detection → decoding →
 * csv-parse. Quotes inside unquoted fields are taken literally (as Excel does); records may be
 * shorter or longer than the header (the caller decides).
 * On a syntax error every record before the broken one is still yielded, then csv-parse's error is
 * thrown. That takes care: a stream that errors drops the records it has buffered, so csv-parse is
 * told to skip the broken record instead (noting the error and how many records preceded it), and
 * no more input is fed to it (an unterminated quote must not swallow the rest of a large file).
 */
export async function* csvRecords(path: string, onEncoding?: (e: TextEncoding) => void): AsyncGenerator<string[]> {
  // a holder, not a variable: it is set from csv-parse's callback
  const skipped: { failure?: { error: unknown; after: number } } = {};
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_skip: (error) => {
      skipped.failure ??= { error, after: Number((error as { records?: unknown } | undefined)?.records ?? 0) };
    },
  });
  async function* input() {
    for await (const text of decodeText(createReadStream(path), onEncoding)) {
      if (skipped.failure) return;
      yield text;
    }
  }
  // pipeline destroys every stage when one fails or when this generator stops early
  const records = pipeline(Readable.from(input()), parser, () => undefined);
  let n = 0;
  for await (const record of records as AsyncIterable<string[]>) {
    if (skipped.failure && n >= skipped.failure.after) break; // records after a skipped broken one are not trusted
    n++;
    yield record;
  }
  if (skipped.failure) throw skipped.failure.error;
}
