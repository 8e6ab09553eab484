import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { tableWriter, XLSX_CELL_MAX } from '../src/export/writers';

/**
 * Excel refuses a file with a cell over 32 767 characters ("we found a problem with some content"):
 * the XLSX export cuts such a cell to fit and says so at its end, and the rest of the file is whole.
 * (A ledger can no longer store such text, but records kept before can hold it.)
 */
async function written(rows: (string | number | null)[][]): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = tableWriter('xlsx', out, 'gigWorkers');
  await writer.header(['编号', '姓名']);
  for (const r of rows) await writer.row(r);
  await writer.end();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return book;
}

test('a cell over Excel’s limit is cut to fit with a note saying so; the other cells are written whole', async () => {
  const long = '长'.repeat(300_000);
  const edge = '边'.repeat(XLSX_CELL_MAX);
  const book = await written([
    ['XJY00001', long],
    ['XJY00002', edge],
    ['XJY00003', '张三'],
  ]);
  const sheet = book.worksheets[0];
  const cut = String(sheet.getRow(2).getCell(2).value);
  expect(cut.length).toBeLessThanOrEqual(XLSX_CELL_MAX);
  expect(cut.startsWith('长'.repeat(1000))).toBe(true);
  expect(cut).toMatch(/已截断：原文300000字.*cut: 300000 characters, over Excel's cell limit of 32767/);
  expect(sheet.getRow(3).getCell(2).value).toBe(edge);
  expect(sheet.getRow(4).getCell(2).value).toBe('张三');
});
