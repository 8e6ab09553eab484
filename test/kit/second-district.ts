import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { creditCodeCheckChar, creditCodeProblem, idNumberCheckChar, idNumberProblem } from '@district/common';
import { SHANGJIE } from './datasets';

/**
 * A second district of our own making (issue 12): Shangjie's ledgers re-keyed to another district
 * code, so both can live in one deployment. Region codes, grid codes, filing numbers, ID numbers and
 * credit codes move to the new district (check digits recomputed), the district's name changes, and
 * national certificate numbers get a prefix of their own; every ledger-local number (工号, 小区编号,
 * 站点编号, 志愿者编号, 活动编号, 案件编号 …) and every community and street name stays exactly as it
 * is, so they collide with Shangjie's on purpose. Its figures are Shangjie's figures.
 */
export const SECOND_DISTRICT = '410122';
const FROM = '410106';
const NAME_FROM = '上街';
const NAME_TO = '云台';

function rekey(value: string, column: string): string {
  const v = value.trim();
  if (column === '证书编号' && /^\d{17}$/.test(v)) return `9${v.slice(1)}`;
  if (v.length === 18 && v.startsWith(FROM) && idNumberProblem(v) === null) {
    const body = `${SECOND_DISTRICT}${v.slice(6, 17)}`;
    return body + idNumberCheckChar(body);
  }
  if (v.length === 18 && v.slice(2, 8) === FROM && creditCodeProblem(v) === null) {
    const body = `${v.slice(0, 2)}${SECOND_DISTRICT}${v.slice(8, 17)}`;
    return body + creditCodeCheckChar(body);
  }
  return value
    .replace(/(^|BA)410106/g, `$1${SECOND_DISTRICT}`)
    .split(NAME_FROM)
    .join(NAME_TO);
}

function rekeyRows(rows: string[][]): string[][] {
  const header = rows[0];
  return [header, ...rows.slice(1).map((r) => r.map((cell, i) => rekey(cell, header[i] ?? '')))];
}

async function rekeyXlsx(from: string, to: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(from);
  book.eachSheet((sheet) => {
    let header: string[] | null = null;
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((c) => (c === null || c === undefined ? '' : c));
      if (!header && values.includes('工号')) {
        header = values.map(String);
        return;
      }
      if (!header) return;
      row.eachCell((cell, col) => {
        if (typeof cell.value === 'string' || typeof cell.value === 'number') {
          const next = rekey(String(cell.value), header![col - 1] ?? '');
          if (next !== String(cell.value)) cell.value = next;
        }
      });
    });
  });
  await book.xlsx.writeFile(to);
}

/** Writes the second district's ledgers under `dir`, in the same files, encodings and layouts as Shangjie's. */
export async function writeSecondDistrict(dir: string): Promise<string> {
  const files = (root: string): string[] =>
    readdirSync(root).flatMap((f) => (statSync(join(root, f)).isDirectory() ? files(join(root, f)) : [join(root, f)]));
  for (const path of files(SHANGJIE)) {
    const rel = relative(SHANGJIE, path);
    const out = join(dir, rel);
    mkdirSync(dirname(out), { recursive: true });
    if (rel.endsWith('.xlsx')) await rekeyXlsx(path, out);
    else if (rel.endsWith('.csv')) {
      const bytes = readFileSync(path);
      const utf8 = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
      const gb = !utf8 && !isUtf8(bytes);
      const text = gb ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8').replace(/^\uFEFF/, '');
      const csv = stringify(rekeyRows(parse(text, { relax_column_count: true }) as string[][]));
      writeFileSync(out, gb ? iconv.encode(csv, 'gb18030') : utf8 ? `\uFEFF${csv}` : csv);
    }
  }
  return dir;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
