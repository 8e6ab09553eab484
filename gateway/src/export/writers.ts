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
      sheet.addRow(cells).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
