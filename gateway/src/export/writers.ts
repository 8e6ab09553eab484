import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Cell } from './table';

/**
 * A table written as it arrives, page by page, so a large list never sits in memory: CSV in UTF-8
 * with a byte-order mark (Excel then reads the Chinese correctly) and CRLF line ends, or XLSX through
 * exceljs's streaming writer. Cells come already formula-safe (table.ts).
 */
export interface TableWriter {
  readonly contentType: string;
  readonly extension: string;
  /** the header row, with a title line above it when given (the annual report's node and year) */
  header(cells: string[], title?: string): Promise<void>;
  row(cells: Cell[]): Promise<void>;
  end(): Promise<void>;
}

export type ExportFormat = 'csv' | 'xlsx';

export function tableWriter(format: ExportFormat, out: Writable, sheetName: string): TableWriter {
  return format === 'csv' ? csvWriter(out) : xlsxWriter(out, sheetName);
}

function csvWriter(out: Writable): TableWriter {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(out);
  const write = async (cells: (string | number | null)[]) => {
    if (!csv.write(cells.map((c) => (c === null ? '' : c)))) await once(csv, 'drain');
  };
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    async header(cells, title) {
      if (title) await write([title]);
      await write(cells);
    },
    row: write,
    async end() {
      csv.end();
      await once(out, 'finish');
    },
  };
}

/** Excel's limit on a sheet's name: 31 characters, none of : \ / ? * [ ]. */
const sheetTitle = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

/** Excel's limit on a cell's text (UTF-16 units): a longer cell makes a file Excel reports as broken. */
export const XLSX_CELL_MAX = 32_767;

/**
 * A cell over Excel's limit, cut to fit with a note at its end saying so and how long it was:
 * refusing the whole file for one cell would lose every other row, and a silent cut would lose text
 * unnoticed. The CSV keeps the whole text (no such limit).
 */
export function fitXlsxCell(cell: Cell): Cell {
  if (typeof cell !== 'string' || cell.length <= XLSX_CELL_MAX) return cell;
  const note = `…[已截断：原文${cell.length}字，超过Excel单元格上限${XLSX_CELL_MAX} / cut: ${cell.length} characters, over Excel's cell limit of ${XLSX_CELL_MAX}; the CSV export has it whole]`;
  let end = XLSX_CELL_MAX - note.length;
  // never cut between the halves of a character outside the BMP
  if (/[\uD800-\uDBFF]/.test(cell[end - 1])) end--;
  return cell.slice(0, end) + note;
}

function xlsxWriter(out: Writable, sheetName: string): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let sheet: ExcelJS.Worksheet;
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    async header(cells, title) {
      // the frozen header and the widths are written with the first row, so they are set before it
      sheet = workbook.addWorksheet(sheetTitle(sheetName), { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
      cells.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.min(Math.max(10, h.length * 2 + 2), 40)));
      if (title) {
        const row = sheet.addRow([title]);
        row.font = { bold: true, size: 13 };
        row.commit();
      }
      const row = sheet.addRow(cells);
      row.font = { bold: true };
      row.commit();
    },
    async row(cells) {
      sheet.addRow(cells.map(fitXlsxCell)).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
