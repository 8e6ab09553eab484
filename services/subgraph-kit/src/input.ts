import {
  badInput,
  checkCreditCode,
  checkIdNumber,
  checkMobile,
  isCalendarDate,
  isRegionCode,
  NOTE_MAX,
  normaliseCreditCode,
  normaliseIdNumber,
  normaliseMobile,
  normaliseRegionCode,
  regionLevel,
  todayInChina,
  type RegionLevel,
} from '@district/common';

/**
 * Checks of what a clerk types into a mutation, one implementation each. Every refusal is a
 * BAD_USER_INPUT naming the field, with the label the clerk sees (Chinese) and the field's name.
 */

/** Longest text a field may hold unless it says otherwise: a title, a name, a place. */
export const TEXT_MAX = 200;
/** Longest free text: a description, a note, a problem found (one limit with the ledger kit's cells, see @district/common). */
export { NOTE_MAX };

// control characters (but tab and line breaks), lone surrogates, and U+FFFE/FFFF never belong in typed text
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds characters that cannot be typed or stored as text (NUL, other control characters, lone surrogates). */
export const hasUnprintable = (s: string): boolean => UNPRINTABLE.test(s);

/** Text a person typed: trimmed, not blank, printable, at most `max` characters. */
export function requiredText(value: string | null | undefined, field: string, label: string, max = TEXT_MAX): string {
  const text = optionalText(value, field, label, max);
  if (text === null) throw badInput(`${label}不能为空 / ${field} is required`, field);
  return text;
}

/** Optional typed text: null when blank, else checked as requiredText. */
export function optionalText(value: string | null | undefined, field: string, label: string, max = TEXT_MAX): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (hasUnprintable(text)) throw badInput(`${label}含有不可见的控制字符 / ${field} contains control characters`, field);
  if ([...text].length > max) throw badInput(`${label}不能超过${max}字 / ${field} must be at most ${max} characters`, field);
  return text;
}

/** A calendar day (the Date scalar checks the form; this checks it again where a plain string arrives). */
export function calendarDay(value: string, field: string): string {
  if (!isCalendarDate(value)) throw badInput(`日期应为有效的 YYYY-MM-DD / ${field} must be a real date YYYY-MM-DD`, field);
  return value;
}

/** A day something happened: not after today (China). */
export function notFuture(day: string, field: string, label: string): string {
  calendarDay(day, field);
  if (day > todayInChina()) throw badInput(`${label}不能晚于今天 / ${field} cannot be in the future`, field);
  return day;
}

/**
 * The day of an event a clerk records (default today): not in the future, and not before the record
 * it follows (`notBefore`, e.g. the day an issue was reported), whose meaning `after` says.
 */
export function eventDay(
  value: string | null | undefined,
  field: string,
  label: string,
  notBefore?: { day: string; after: string } | null,
): string {
  const day = value ?? todayInChina();
  notFuture(day, field, label);
  if (notBefore && day < notBefore.day) {
    throw badInput(`${label}不能早于${notBefore.after}（${notBefore.day}）/ ${field} cannot be before ${notBefore.day}`, field);
  }
  return day;
}

/** A region code of the wanted level(s), in its 12-digit form (6 digits are read as the district). */
export function regionCodeOf(value: string, field: string, levels: RegionLevel[] = ['COMMUNITY']): string {
  const code = normaliseRegionCode(value ?? '');
  if (!isRegionCode(code) || !levels.includes(regionLevel(code))) {
    throw badInput(`区划代码无效，应为${levels.join('/')}级代码 / ${field} must be a ${levels.join(' or ').toLowerCase()} code`, field);
  }
  return code;
}

/** A valid resident ID number (GB 11643) in its stored form. The message never quotes the number. */
export function idNumberOf(raw: string, field: string): string {
  const problem = checkIdNumber(raw ?? '');
  if (problem) throw badInput(`身份证号无效：${problem} / invalid ID number (GB 11643)`, field);
  return normaliseIdNumber(raw);
}

/** A mobile number (11 digits, 1[3-9]…), or null when none was given. */
export function phoneOf(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const problem = checkMobile(raw);
  if (problem) throw badInput(`手机号无效：${problem} / invalid mobile number`, field);
  return normaliseMobile(raw);
}

/** A unified social credit code (GB 32100) in its stored form. */
export function creditCodeOf(raw: string, field: string): string {
  const problem = checkCreditCode(raw ?? '');
  if (problem) throw badInput(`统一社会信用代码无效：${problem} / invalid unified social credit code (GB 32100)`, field);
  return normaliseCreditCode(raw);
}

/** A ledger-style number typed by a clerk (工号, 站点编号 …): letters, digits, - and _. */
export function localNumberOf(raw: string, field: string, label: string, max = 30): string {
  const v = requiredText(raw, field, label, max);
  if (!/^[A-Za-z0-9_-]+$/.test(v)) throw badInput(`${label}只能含字母、数字、-、_ / ${field}: letters, digits, - and _ only`, field);
  return v;
}

/** A whole number within bounds. */
export function wholeNumber(value: number, field: string, label: string, min = 0, max = 2_147_483_647): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${label}应为${min}到${max}之间的整数 / ${field} must be a whole number from ${min} to ${max}`, field);
  }
  return value;
}

/** An amount of money in yuan, two decimals at most, not negative, below a trillion. */
export function amountOf(value: number, field: string, label: string): number {
  if (!Number.isFinite(value) || value < 0 || value >= 1e12 || Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
    throw badInput(`${label}应为不小于0的金额（元，最多两位小数）/ ${field} must be an amount in yuan, at most two decimals`, field);
  }
  return value;
}

/** A moment a clerk gives, ISO 8601 with an offset (2025-03-01T09:30:00+08:00), not in the future; now when absent. */
export function momentOf(
  value: string | null | undefined,
  field: string,
  label: string,
  notBefore?: { at: Date; after: string } | null,
): Date {
  if (!value) return new Date();
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime()) || !isCalendarDate(value.slice(0, 10))) {
    throw badInput(`${label}应为带时区的ISO 8601时间，如2025-03-01T09:30:00+08:00 / ${field} must be ISO 8601 with an offset`, field);
  }
  if (at.getTime() > Date.now() + 60_000) throw badInput(`${label}不能晚于此刻 / ${field} cannot be in the future`, field);
  if (notBefore && at < notBefore.at)
    throw badInput(`${label}不能早于${notBefore.after} / ${field} cannot be before ${notBefore.at.toISOString()}`, field);
  return at;
}
