import { badInput, isCalendarDate, monthEnd, shiftYear } from '@district/common';

/**
 * The window a figure is counted over (DOMAIN.md, 口径): a figure about what happened (new,
 * founded, held, reported) counts records dated from `from` to `to`; a figure about what exists
 * (stations, members, holders, coverage) is taken on `asOf`. For a year, `from` is 1 January and
 * `to` is `asOf`, which defaults to 31 December and must lie in that year: "2024 as of 2025-12-31"
 * is refused rather than counting 2025's records as 2024's.
 */
export interface Period {
  year: number;
  /** first day counted by flow figures, inclusive */
  from: string;
  /** last day counted by flow figures, inclusive */
  to: string;
  /** the day stock figures are taken on */
  asOf: string;
}

/** Earliest and latest years a figure may be asked for. */
export const FIRST_YEAR = 1949;
export const LAST_YEAR = 2100;

function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(
      `年份应在 ${FIRST_YEAR} 至 ${LAST_YEAR} 之间 / ${field} must be a year from ${FIRST_YEAR} to ${LAST_YEAR}: ${year}`,
      field,
    );
  }
  return year;
}

/** A year up to `asOf` (default its last day). */
export function periodOf(year: number, asOf?: string | null): Period {
  checkYear(year);
  if (asOf !== undefined && asOf !== null) {
    if (!isCalendarDate(asOf)) throw badInput(`日期应为 YYYY-MM-DD / asOf must be a date YYYY-MM-DD`, 'asOf');
    if (!asOf.startsWith(`${year}-`)) {
      throw badInput(`截至日期 ${asOf} 不在 ${year} 年内 / asOf ${asOf} is not in the year ${year}`, 'asOf');
    }
  }
  const day = asOf ?? `${year}-12-31`;
  return { year, from: `${year}-01-01`, to: day, asOf: day };
}

/** The same window one year earlier: how "versus last year" is counted. */
export function previousPeriod(p: Period): Period {
  return { year: p.year - 1, from: shiftYear(p.from, -1), to: shiftYear(p.to, -1), asOf: shiftYear(p.asOf, -1) };
}

/** One month of a year: flows dated in the month, stocks on its last day. */
export function monthPeriod(year: number, month: number): Period {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw badInput(`月份应为1–12 / month must be 1–12: ${month}`, 'month');
  const mm = String(month).padStart(2, '0');
  const end = monthEnd(year, month);
  return { year, from: `${year}-${mm}-01`, to: end, asOf: end };
}

/** The year containing `day` up to that day: "this year so far" for a figure asked on a date. */
export function periodTo(day: string): Period {
  return periodOf(Number(day.slice(0, 4)), day);
}

/** Consecutive years `from`…`to` (at most 30), each as a whole year. */
export function yearRange(from: number, to: number): Period[] {
  checkYear(from, 'fromYear');
  checkYear(to, 'toYear');
  if (to < from) throw badInput('结束年份早于起始年份 / toYear is before fromYear', 'toYear');
  if (to - from >= 30) throw badInput('一次最多30年 / at most 30 years at once', 'toYear');
  return Array.from({ length: to - from + 1 }, (_, i) => periodOf(from + i));
}

/** A key that names the window exactly, for batching and caching. */
export const periodKey = (p: Period): string => `${p.from}..${p.to}@${p.asOf}`;
