import { basename, extname } from 'node:path';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ColumnSpec, LedgerSpec } from './types';

/**
 * One description of every ledger format, taken from the spec the importer validates against: the
 * note row of a template, the dropdowns, and the format document all come from here, so what the
 * offices are told is what the import checks.
 */

const DATE_STYLES =
  '2025-03-01、2025/3/1、2025年3月1日、20250301 或 Excel 日期 / 2025-03-01, 2025/3/1, 2025年3月1日, 20250301 or an Excel date';

/** Patterns the specs use, said in words; any other is shown as written. */
function patternInWords(pattern: RegExp): string {
  const p = pattern.source;
  let m: RegExpExecArray | null;
  if ((m = /^\^\\d\{(\d+)\}\$$/.exec(p))) return `${m[1]}位数字 / ${m[1]} digits`;
  if ((m = /^\^\\d\{(\d+)\}\(\\d\{(\d+)\}\)\?\$$/.exec(p))) {
    const [a, b] = [+m[1], +m[1] + +m[2]];
    return `${a}或${b}位数字 / ${a} or ${b} digits`;
  }
  if ((m = /^\^\[A-Za-z0-9_-\]\{1,(\d+)\}\$$/.exec(p))) return `字母、数字、-或_，最多${m[1]}位 / letters, digits, - or _, at most ${m[1]}`;
  return `格式 / pattern ${p}`;
}

function range(col: ColumnSpec): string {
  if (col.min !== undefined && col.max !== undefined) return `，${col.min}–${col.max} / ${col.min} to ${col.max}`;
  if (col.min !== undefined) return `，不小于${col.min} / at least ${col.min}`;
  if (col.max !== undefined) return `，不大于${col.max} / at most ${col.max}`;
  return '';
}

/** What a cell of this column must hold, Chinese first, then English. */
export function columnFormat(col: ColumnSpec): string {
  const parts: string[] = [col.required ? '必填 / required' : '选填 / optional'];
  switch (col.type) {
    case 'text':
      parts.push(col.pattern ? patternInWords(col.pattern) : '文本 / text');
      break;
    case 'code':
      parts.push(`编码，不含空格 / a code without spaces${col.pattern ? `; ${patternInWords(col.pattern)}` : ''}`);
      break;
    case 'int':
      parts.push(`整数 / whole number${range(col)}`);
      break;
    case 'decimal':
      parts.push(`数字 / number${range(col)}`);
      break;
    case 'date':
      parts.push(`日期：${DATE_STYLES}${col.allowFuture ? '' : '；不晚于今天 / not after today'}`);
      break;
    case 'datetime':
      parts.push(
        `日期时间，如 2025-03-01 14:30 / date and time, e.g. 2025-03-01 14:30${col.allowFuture ? '' : '；不晚于今天 / not after today'}`,
      );
      break;
    case 'bool':
      parts.push('是 或 否 / 是 (yes) or 否 (no)');
      break;
    case 'enum':
      parts.push(`可选值 / one of: ${(col.values ?? []).join('、')}`);
      break;
    case 'idNumber':
      parts.push(
        '18位居民身份证号，校验位须正确；请保持文本格式 / 18-character resident ID number with a valid check character; keep the cell as text',
      );
      break;
    case 'creditCode':
      parts.push('18位统一社会信用代码，校验位须正确 / 18-character unified social credit code with a valid check character');
      break;
    case 'phone':
      parts.push('11位手机号 / 11-digit mobile number');
      break;
  }
  return parts.join('；');
}

/** Columns Excel must keep as typed: leading zeros and 18 digits survive only as text. */
const TEXT_TYPES = new Set<ColumnSpec['type']>(['code', 'idNumber', 'creditCode', 'phone', 'text']);

/** Rows of a template that carry dropdowns; enough for any office's ledger, small enough to stay light. */
export const TEMPLATE_ROWS = 5000;

const OPTIONS_SHEET = '可选值';

/** The sheet a template's data goes on: the spec's, or one named after the file (Excel allows 31 characters, no []:*?/\). */
export function templateSheetName(spec: Pick<LedgerSpec<string>, 'file' | 'sheet'>): string {
  return (spec.sheet ?? basename(spec.file, extname(spec.file))).replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

/** The template's own name: the ledger's path with .xlsx (a CSV ledger may be filled in Excel too). */
export const templateFileName = (file: string): string => `${file.slice(0, file.length - extname(file).length)}.xlsx`;

const columnLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1);

/**
 * An XLSX template for a ledger: a title row, a row saying each column's format, the header as
 * offices type it, then empty rows with a dropdown in every enum and yes/no column (values on a
 * hidden sheet, since a list typed into the rule is limited to 255 characters). The import reads a
 * filled-in template as it is: the two rows above the header are titles to it.
 */
export function ledgerTemplate(spec: LedgerSpec<string>, title?: string): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(templateSheetName(spec), { views: [{ state: 'frozen', ySplit: 3 }] });
  const columns = Object.values<ColumnSpec>(spec.columns);
  sheet.getCell(1, 1).value = title ?? `${spec.file} 台账模板 / ledger template`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const options = book.addWorksheet(OPTIONS_SHEET, { state: 'veryHidden' });
  let listColumn = 0;
  columns.forEach((col, i) => {
    const c = i + 1;
    const letter = columnLetter(c);
    const note = sheet.getCell(2, c);
    note.value = columnFormat(col);
    note.alignment = { wrapText: true, vertical: 'top' };
    note.font = { size: 9, color: { argb: 'FF666666' } };
    const header = sheet.getCell(3, c);
    header.value = col.header;
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: col.required ? 'FFFCE4D6' : 'FFEDEDED' } };
    sheet.getColumn(c).width = Math.max(12, Math.min(40, col.header.length * 2 + 4));
    if (TEXT_TYPES.has(col.type)) sheet.getColumn(c).numFmt = '@';
    if (col.type === 'date') sheet.getColumn(c).numFmt = 'yyyy-mm-dd';
    const values = col.type === 'bool' ? ['是', '否'] : col.type === 'enum' ? [...(col.values ?? [])] : [];
    if (!values.length) return;
    const optionLetter = columnLetter(++listColumn);
    values.forEach((v, j) => (options.getCell(j + 1, listColumn).value = v));
    (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add(
      `${letter}4:${letter}${TEMPLATE_ROWS + 3}`,
      {
        type: 'list',
        allowBlank: !col.required,
        formulae: [`'${OPTIONS_SHEET}'!$${optionLetter}$1:$${optionLetter}$${values.length}`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: col.header,
        error: `请从下拉列表中选择 / choose from the list: ${values.slice(0, 8).join('、')}${values.length > 8 ? '…' : ''}`,
      },
    );
  });
  sheet.getRow(2).height = 60;
  return book;
}

/** Writes a ledger's template to a stream (an HTTP response) or a file path. */
export async function writeLedgerTemplate(spec: LedgerSpec<string>, out: Writable | string): Promise<void> {
  const book = ledgerTemplate(spec);
  if (typeof out === 'string') await book.xlsx.writeFile(out);
  else await book.xlsx.write(out);
}

/** The format document of a set of ledgers (Markdown), one table per ledger, from the same specs as the templates. */
export function ledgerFormats(ledgers: { spec: LedgerSpec<string>; owner?: string }[]): string {
  const lines = [
    '# 台账格式 / ledger formats',
    '',
    '由导入程序所用的台账规格生成，请勿手工编辑（`pnpm templates`）。/ Generated from the specs the import validates against; do not edit (`pnpm templates`).',
    '',
    'CSV 可为 UTF-8（可带BOM）或 GB18030/GBK；XLSX 表头上方可有标题行。每个文件要么全部导入，要么一行都不导入。/ CSV in UTF-8 (with or without BOM) or GB18030/GBK; XLSX may have title rows above the header. Each file imports whole or not at all.',
  ];
  for (const { spec, owner } of ledgers) {
    const key = spec.key.map((k) => spec.columns[k].header).join(' + ');
    lines.push('', `## ${spec.file}${owner ? ` (${owner})` : ''}`, '');
    if (spec.sheet) lines.push(`工作表 / sheet: ${spec.sheet}  `);
    lines.push(`模板 / template: \`${templateFileName(spec.file)}\`${key ? `；唯一键 / key: ${key}` : ''}`, '');
    lines.push('| 列 / column | 格式 / format |', '|---|---|');
    for (const col of Object.values<ColumnSpec>(spec.columns)) lines.push(`| ${col.header} | ${columnFormat(col).replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
