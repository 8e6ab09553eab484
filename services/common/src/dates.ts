/**
 * Calendar days are 'YYYY-MM-DD' strings end to end, so nothing shifts with a server's time zone.
 * The district's offices live in China Standard Time (UTC+8, no daylight saving): "today" and the
 * day of a moment are China's.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Years a calendar day may have: a date outside them is a typing error (9999-12-31), not a record's day. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/**
 * Why `s` is no calendar day (Chinese, then English), or undefined: not in the form YYYY-MM-DD, a
 * year outside FIRST_YEAR–LAST_YEAR, or a day the month lacks. A client told the form is wrong when
 * it is the year would look for the mistake in the wrong place.
 */
export function calendarDateProblem(s: string): string | undefined {
  const m = DAY.exec(s);
  if (!m) return '日期应为 YYYY-MM-DD / a Date must be YYYY-MM-DD';
  if (+m[1] < FIRST_YEAR || +m[1] > LAST_YEAR)
    return `年份应在${FIRST_YEAR}至${LAST_YEAR}之间 / the year must be between ${FIRST_YEAR} and ${LAST_YEAR}, got ${m[1]}`;
  if (!isCalendarDate(s)) return `没有这一天 / no such day: ${s}`;
  return undefined;
}

/** Whether `s` is a real day in the form YYYY-MM-DD (2025-02-30 and 2025-2-3 are not), years 1900–2199. */
export function isCalendarDate(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const year = +m[1];
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const d = new Date(Date.UTC(year, +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === year && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Today in China. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A moment as China's wall-clock time, ISO 8601 with its offset: what district users read. */
export function chinaTime(at: Date): string;
export function chinaTime(at: Date | null | undefined): string | null;
export function chinaTime(at: Date | null | undefined): string | null {
  if (!at) return null;
  return `${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The day `by` years from `day`; 29 February becomes 28 February in a common year. */
export function shiftYear(day: string, by: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + by, m, 0)).getUTCDate();
  return `${y + by}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The last day of a month (1–12). */
export function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** The day after `day`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
