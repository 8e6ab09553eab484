import { halfWidth, trimCell } from './text';
import type { Cell } from './types';

/**
 * Dates leave the ledger as strings, never as JS Dates, so nothing drifts with the server's time zone:
 * a day is 'YYYY-MM-DD'; a moment is 'YYYY-MM-DDTHH:mm:ss+08:00', China's wall-clock time.
 */
export interface DateParts {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:mm:ss' when the cell carried a time of day */
  time: string | null;
}

/** Why a cell is not a date; bilingual, without the cell's text (the caller decides whether to quote it). */
export interface DateProblem {
  problem: string;
}

const NO_SUCH_DATE = '不是有效日期 / no such date';
const UNRECOGNISED = '无法识别的日期 / not a date';
const YEAR_RANGE = '年份超出1900–2100 / year outside 1900–2100';
const NO_SUCH_TIME = '不是有效时间 / no such time';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dayOf(y: number, m: number, d: number): string | DateProblem {
  if (y < 1900 || y > 2100) return { problem: YEAR_RANGE };
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return { problem: NO_SUCH_DATE };
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** A UTC instant's fields read as a wall-clock date and time (how exceljs encodes Excel dates). */
function partsOfUtc(ms: number): DateParts | DateProblem {
  if (!Number.isFinite(ms)) return { problem: UNRECOGNISED };
  const t = new Date(Math.round(ms / 1000) * 1000); // Excel fractions of a day: round to the second
  const date = dayOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  if (typeof date !== 'string') return date;
  const hms = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  return { date, time: hms.some((x) => x) ? hms.map((x) => pad(x)).join(':') : null };
}

/** Excel's day 0 is 1899-12-30 (this absorbs Lotus' fictitious 1900-02-29 for serials from 61 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

const DATE_STYLES = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/, // 2025-03-01, 2025/3/1, 2025.3.1
  /^(\d{4})()年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, // 2025年3月1日
  /^(\d{4})()(\d{2})(\d{2})(?!\d)/, // 20250301
];
const TIME = /^(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function partsOfText(raw: string): DateParts | DateProblem {
  const s = halfWidth(trimCell(raw));
  for (const style of DATE_STYLES) {
    const m = style.exec(s);
    if (!m) continue;
    const t = TIME.exec(s.slice(m[0].length));
    if (!t) return { problem: UNRECOGNISED };
    const date = dayOf(+m[1], +m[3], +m[4]);
    if (typeof date !== 'string') return date;
    if (t[1] === undefined) return { date, time: null };
    const [h, mi, se] = [+t[1], +t[2], +(t[3] ?? 0)];
    if (h > 23 || mi > 59 || se > 59) return { problem: NO_SUCH_TIME };
    if (!t[4]) return { date, time: `${pad(h)}:${pad(mi)}:${pad(se)}` };
    // an explicit offset (e.g. exported from another system in UTC): convert to China time
    const off = t[4] === 'Z' ? 0 : (t[4][0] === '-' ? -1 : 1) * (+t[4].slice(1, 3) * 60 + +t[4].slice(-2));
    return partsOfUtc(Date.parse(`${date}T${pad(h)}:${pad(mi)}:${pad(se)}Z`) - off * 60_000 + 8 * 3_600_000);
  }
  return { problem: UNRECOGNISED };
}

/**
 * Reads a cell as offices type dates: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, each
 * optionally followed by a time (14:22, 9:05:00); Excel date cells (JS Dates whose UTC fields hold
 * the wall-clock value, as exceljs gives them); Excel serial numbers (61 … 2958465). Null for a blank
 * cell. Impossible days (2025-02-30) and years outside 1900–2100 are problems, not guesses.
 */
export function readDate(cell: Cell): DateParts | DateProblem | null {
  if (cell === null) return null;
  if (cell instanceof Date) return partsOfUtc(cell.getTime());
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21001231) return partsOfText(String(cell));
    if (cell >= 61 && cell < 2958466) return partsOfUtc(EXCEL_EPOCH_MS + cell * MS_PER_DAY);
    return { problem: UNRECOGNISED };
  }
  if (trimCell(cell) === '') return null;
  return partsOfText(cell);
}

/** 'YYYY-MM-DDTHH:mm:ss+08:00' for a date and optional time (midnight when none). */
export function chinaDateTime(p: DateParts): string {
  return `${p.date}T${p.time ?? '00:00:00'}+08:00`;
}

/**
 * A cell as a date: 'YYYY-MM-DD' when it holds a day, 'YYYY-MM-DDTHH:mm:ss+08:00' when it also holds
 * a time of day, null when blank, 'invalid' when it is no date. Use `readDate` for the reason.
 */
export function parseDate(cell: Cell): string | null | 'invalid' {
  const p = readDate(cell);
  if (p === null) return null;
  if ('problem' in p) return 'invalid';
  return p.time === null ? p.date : chinaDateTime(p);
}
