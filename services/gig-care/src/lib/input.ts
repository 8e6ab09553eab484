import { badInput, isCalendarDate, isRegionCode, regionLevel, todayInChina } from '@district/common';

/** A required free-text field, trimmed; the error names the field in Chinese and English. */
export function requiredText(value: string | null | undefined, field: string, label: string, max = 200): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${label}不能为空 / ${field} is required`, field);
  if (text.length > max) throw badInput(`${label}不能超过${max}字 / ${field} must be at most ${max} characters`, field);
  return text;
}

export function optionalText(value: string | null | undefined, field: string, label: string, max = 500): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  return requiredText(text, field, label, max);
}

/** A community code (12 digits, community level). Existence is the workforce subgraph's to say. */
export function communityCode(value: string, field = 'communityCode'): string {
  const code = value.trim();
  if (!isRegionCode(code) || regionLevel(code) !== 'COMMUNITY') {
    throw badInput(`社区代码应为12位社区级区划代码 / ${field} must be a 12-digit community code`, field);
  }
  return code;
}

/** A calendar day not after today in China; today when absent. */
export function pastDay(value: string | null | undefined, field: string): string {
  const today = todayInChina();
  if (!value) return today;
  if (!isCalendarDate(value)) throw badInput(`日期格式应为 YYYY-MM-DD / ${field} must be YYYY-MM-DD`, field);
  if (value > today) throw badInput(`日期不能晚于今天 / ${field} cannot be in the future`, field);
  return value;
}

/** A moment given as ISO 8601 with an offset (or Z), not in the future; now when absent. */
export function pastMoment(value: string | null | undefined, field: string): Date {
  if (!value) return new Date();
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw badInput(`时间应为带时区的ISO 8601格式，如2025-03-01T09:30:00+08:00 / ${field} must be ISO 8601 with an offset`, field);
  }
  if (at.getTime() > Date.now() + 60_000) throw badInput(`时间不能晚于此刻 / ${field} cannot be in the future`, field);
  return at;
}
