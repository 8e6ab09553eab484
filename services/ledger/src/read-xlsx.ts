import ExcelJS from 'exceljs';
import { LedgerParseError } from './parse-error';
import type { Cell } from './types';

/** An exceljs cell value as the text or number it shows. */
export function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    // a formula's cached result; a file saved without results (some generators) reads as blank
    if ('formula' in o || 'sharedFormula' in o) return xlsxCell(o.result);
    if ('text' in o) return xlsxCell(o.text); // hyperlink: its text (itself possibly rich text)
    if ('error' in o) return String(o.error); // '#N/A' etc., shown as Excel shows it
  }
  return String(v);
}

type Rows = AsyncIterator<{ values: unknown }>;

async function drain(iterator: AsyncIterator<unknown>): Promise<void> {
  for (let r = await iterator.next(); !r.done; r = await iterator.next());
}

/**
 * The rows of one worksheet as arrays of cells, through exceljs' streaming reader. Styles are read so
 * that date-formatted numbers arrive as Dates. `sheet` picks a worksheet by name; the first one
 * otherwise. Empty rows are not emitted by exceljs.
 *
 * A sheet stored before the shared strings in the zip (as in workers.xlsx) is spooled by exceljs to a
 * temp file, which it closes and deletes only once the workbook is read to the end. So the workbook
 * is always read to the end: skipped sheets are drained, and a consumer that stops early (a missing
 * header, say) has the rest drained too, rather than leaking an open temp file per stopped read.
 */
export async function* xlsxRecords(path: string, sheet?: string): AsyncGenerator<Cell[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // iterated by hand: a for-await loop would close exceljs' iterators when the consumer stops early
  const sheets = workbook[Symbol.asyncIterator]();
  let rows: Rows | undefined;
  let found = false;
  let complete = false;
  const seen: string[] = [];
  try {
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
      const name = (s.value as unknown as { name?: string }).name ?? '';
      seen.push(name);
      const wanted: boolean = !found && (sheet === undefined || name === sheet);
      rows = s.value[Symbol.asyncIterator]() as Rows;
      if (!wanted) {
        await drain(rows);
        continue;
      }
      found = true;
      for (let r = await rows.next(); !r.done; r = await rows.next()) {
        const values = r.value.values as unknown[];
        yield Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => xlsxCell(values[i + 1]));
      }
    }
    complete = true;
  } catch (e) {
    complete = true; // a broken workbook is not drained further
    throw e;
  } finally {
    if (!complete) {
      if (rows) await drain(rows);
      for (let s = await sheets.next(); !s.done; s = await sheets.next()) await drain(s.value[Symbol.asyncIterator]());
    }
  }
  if (!found) {
    throw new LedgerParseError(0, `找不到工作表“${sheet}” / no sheet named '${sheet}' (sheets: ${seen.join(', ')})`, 'header');
  }
}
