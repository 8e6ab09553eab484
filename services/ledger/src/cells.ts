import {
  creditCodeProblem,
  idNumberProblem,
  mobileProblem,
  normaliseCreditCode,
  normaliseIdNumber,
  normaliseMobile,
  NOTE_MAX,
} from '@district/common';
import { chinaDateTime, readDate } from './dates';
import { halfWidth, trimCell } from './text';
import type { Cell, ColumnSpec, DefectKind, LedgerValue } from './types';

export interface CellProblem {
  kind: DefectKind;
  reason: string;
}

export type CellResult = { value: LedgerValue; problem?: undefined } | { value: null; problem: CellProblem };

/** idNumber and phone are personal whatever the spec says. */
export const isPersonal = (spec: ColumnSpec) => spec.personal === true || spec.type === 'idNumber' || spec.type === 'phone';

/**
 * Whether a reason may quote the column's value: not for personal data, nor for credit codes (not
 * personal, but an all-digit one looks like an ID number to the log scanners that guard against leaks).
 */
export const mayQuote = (spec: ColumnSpec) => !isPersonal(spec) && spec.type !== 'creditCode';

const fail = (kind: DefectKind, reason: string): CellResult => ({ value: null, problem: { kind, reason } });

const TRUE = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const FALSE = new Set(['否', 'N', 'NO', 'FALSE', '0', '×']);

/** PostgreSQL's integer: an int column holds no more, whatever its ledger says. */
const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };

/**
 * The values a number column accepts: its own bounds, within what the database column holds (an
 * integer; a decimal's numeric(precision, scale)). A value beyond them is a defect of its row and
 * column, found before the database sees it (where it would stop the import with a message quoting it).
 */
export function numberRange(spec: ColumnSpec): { min: number; max: number } {
  if (spec.type === 'int') return { min: Math.max(spec.min ?? INT4.min, INT4.min), max: Math.min(spec.max ?? INT4.max, INT4.max) };
  const [precision, scale] = spec.digits ?? [];
  const limit = precision !== undefined ? 10 ** (precision - (scale ?? 0)) - 10 ** -(scale ?? 0) : undefined;
  const max = Math.min(spec.max ?? Infinity, limit ?? Infinity);
  return { min: Math.max(spec.min ?? -Infinity, -(limit ?? Infinity)), max };
}

/** A ledger's decimal columns must say what their database column holds (see numberRange); checked when an import starts. */
export function unboundedColumns(columns: Record<string, ColumnSpec>): string[] {
  return Object.values(columns)
    .filter((c) => c.type === 'decimal' && c.max === undefined && c.digits === undefined)
    .map((c) => c.header);
}

/** A number typed with thousands separators (1,234.5) or full-width digits; null when it is none. */
export function parseNumber(text: string): number | null {
  let s = halfWidth(text).replace(/\s/g, '');
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : null;
}

/** Text of a non-date cell; null when a number lost digits on its way through Excel. */
function textOf(cell: Exclude<Cell, null>): string | null {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) && !Number.isSafeInteger(cell) ? null : String(cell);
  return cell;
}

/**
 * One cell read as its column's type. Reasons are Chinese first, then English; the value is quoted
 * only where `mayQuote` allows.
 */
export function parseCell(spec: ColumnSpec, cell: Cell, today: string): CellResult {
  const quote = (s: string) => (mayQuote(spec) ? `: '${s.length > 40 ? `${s.slice(0, 40)}…` : s}'` : '');

  if (spec.type === 'date' || spec.type === 'datetime') {
    const p = readDate(cell);
    if (p === null) return spec.required ? fail('required', '必填项为空 / required value missing') : { value: null };
    if ('problem' in p) return fail('date', p.problem + quote(cell instanceof Date ? 'Excel date' : trimCell(String(cell))));
    if (!spec.allowFuture && p.date > today) {
      return fail('date', `日期晚于今天 / in the future${mayQuote(spec) ? `: ${p.date}` : ''} (today ${today})`);
    }
    return { value: spec.type === 'date' ? p.date : chinaDateTime(p) };
  }

  if (cell === null) return spec.required ? fail('required', '必填项为空 / required value missing') : { value: null };
  const raw = textOf(cell);
  if (raw === null)
    return fail(
      'format',
      '数字位数过多，Excel已丢失精度，请将该列设为文本 / too many digits for an Excel number: store the column as text',
    );
  const s = trimCell(raw);
  if (s === '') return spec.required ? fail('required', '必填项为空 / required value missing') : { value: null };
  // the limit a form applies to typed text (never quoted: it may be anything); counted in characters as the form counts them
  if (s.length > NOTE_MAX && [...s].length > NOTE_MAX)
    return fail('range', `文字超过${NOTE_MAX}字（${[...s].length}字）/ text longer than ${NOTE_MAX} characters (${[...s].length})`);

  switch (spec.type) {
    case 'int':
    case 'decimal': {
      const n = typeof cell === 'number' ? cell : parseNumber(s);
      if (n === null || !Number.isFinite(n)) return fail('number', `不是数字 / not a number${quote(s)}`);
      if (spec.type === 'int' && !Number.isInteger(n)) return fail('number', `不是整数 / not a whole number${quote(s)}`);
      const { min, max } = numberRange(spec);
      // a long number out of range is usually another value typed in the wrong column (a phone, an ID number): not quoted
      const shown = /\d{7}/.test(s) ? '' : quote(s);
      if (n < min) return fail('range', `小于最小值${min} / below minimum ${min}${shown}`);
      if (n > max) return fail('range', `大于最大值${max} / above maximum ${max}${shown}`);
      return { value: n };
    }
    case 'bool': {
      const u = halfWidth(s).toUpperCase();
      if (TRUE.has(u)) return { value: true };
      if (FALSE.has(u)) return { value: false };
      return fail('enum', `应为“是”或“否” / expected 是 or 否${quote(s)}`);
    }
    case 'enum': {
      const values = spec.values ?? [];
      if (values.includes(s)) return { value: s };
      const shown = values.length > 8 ? `${values.slice(0, 8).join('/')}/…` : values.join('/');
      return fail('enum', `不是可选值之一 / not one of ${shown}${quote(s)}`);
    }
    case 'idNumber': {
      const problem = idNumberProblem(s);
      return problem ? fail(problem.kind, problem.reason) : { value: normaliseIdNumber(s) };
    }
    case 'creditCode': {
      const problem = creditCodeProblem(s);
      return problem ? fail(problem.kind, problem.reason) : { value: normaliseCreditCode(s) };
    }
    case 'phone': {
      const problem = mobileProblem(s);
      return problem ? fail(problem.kind, problem.reason) : { value: normaliseMobile(s) };
    }
    case 'code':
      if (/[\s\u3000]/.test(s)) return fail('format', `编码中有空格 / code contains a space${quote(s)}`);
      if (spec.pattern && !spec.pattern.test(s)) return fail('format', `编码格式不符 / not a valid code${quote(s)}`);
      return { value: s };
    case 'text':
      if (spec.pattern && !spec.pattern.test(s)) return fail('format', `格式不符 / wrong format${quote(s)}`);
      return { value: s };
  }
}
