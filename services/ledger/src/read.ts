import { extname } from 'node:path';
import { csvErrorReason, csvRecords } from './read-csv';
import { xlsxRecords } from './read-xlsx';
import type { TextEncoding } from './encoding';
import { LedgerParseError } from './parse-error';
import { normaliseHeader, trimCell } from './text';
import type { Cell, LedgerRow } from './types';

export interface ReadOptions {
  /** expected headers: the header row is the first row holding at least half of them (rows above are titles) */
  columns: readonly string[];
  /** XLSX: the worksheet's name; the first sheet when absent */
  sheet?: string;
  /** called once the header row is found, before the first data row */
  onHeader?: (header: HeaderInfo) => void;
  /** CSV: called with the detected encoding (which may come after the header when the file starts in ASCII) */
  onEncoding?: (encoding: TextEncoding) => void;
}

export interface HeaderInfo {
  /** normalised header names, in file order ('' for a blank header cell) */
  headers: string[];
  /** rows above the header (titles), blank rows not counted */
  titleRows: number;
}

/** Rows above the header that may be titles; a header further down is a wrong file, not a title. */
const MAX_TITLE_ROWS = 10;

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && trimCell(c) === '');

/**
 * Streams the data rows of a CSV (UTF-8 with or without BOM, or GB18030: detected) or XLSX ledger,
 * in flat memory. Cells are keyed by normalised header; blank cells are null, other text is left
 * untrimmed for the validator. Blank rows are skipped and not counted. A broken CSV record or a
 * missing header ends the stream with a LedgerParseError after every good row before it.
 */
export async function* readLedger(path: string, options: ReadOptions): AsyncGenerator<LedgerRow> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls') throw new LedgerParseError(0, '不支持.xls，请另存为.xlsx / .xls is not supported, save as .xlsx', 'header');
  const records: AsyncIterable<Cell[]> =
    ext === '.xlsx' || ext === '.xlsm' ? xlsxRecords(path, options.sheet) : csvRecords(path, options.onEncoding);
  const wanted = new Set(options.columns.map(normaliseHeader));
  const needed = Math.ceil(wanted.size / 2);
  let headers: string[] | null = null;
  let titleRows = 0;
  let row = 0;
  try {
    for await (const record of records) {
      if (record.every(isBlank)) continue;
      if (!headers) {
        const names = record.map((c) => (c === null ? '' : normaliseHeader(String(c))));
        if (names.filter((n) => wanted.has(n)).length < needed) {
          if (++titleRows > MAX_TITLE_ROWS) break;
          continue;
        }
        headers = names;
        options.onHeader?.({ headers, titleRows });
        continue;
      }
      row++;
      const cells: Record<string, Cell> = {};
      const extra: Cell[] = [];
      const names = headers;
      record.forEach((c, i) => {
        const h = names[i];
        if (isBlank(c)) {
          if (h && !(h in cells)) cells[h] = null;
        } else if (!h) {
          extra.push(c); // beyond the header, or under a blank header cell: no column to put it in
        } else if (!(h in cells)) {
          cells[h] = c; // a repeated header name: the first column wins
        }
      });
      for (const h of headers) if (h && !(h in cells)) cells[h] = null; // short record
      yield extra.length ? { row, cells, extra } : { row, cells };
    }
  } catch (e) {
    const reason = csvErrorReason(e);
    if (reason === null) throw e;
    throw new LedgerParseError(headers ? row + 1 : 0, reason);
  }
  if (!headers) {
    throw new LedgerParseError(0, `找不到表头行 / no header row with at least ${needed} of: ${[...wanted].join(', ')}`, 'header');
  }
}
