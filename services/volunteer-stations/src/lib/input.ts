import { badInput, todayInChina } from '@district/common';

/** Text a person typed: trimmed, not blank, not longer than `max`. */
export function requiredText(value: string | null | undefined, field: string, label: string, max = 200): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${label}不能为空 / ${field} must not be blank`, field);
  if (text.length > max) throw badInput(`${label}不能超过${max}字 / ${field} is longer than ${max} characters`, field);
  return text;
}

/** A day a person reports (default today): not in the future, and not before `notBefore` when given. */
export function reportedDay(value: string | null | undefined, field: string, notBefore?: string | null): string {
  const today = todayInChina();
  const day = value ?? today;
  if (day > today) throw badInput(`${field} 不能晚于今天 / ${field} must not be in the future`, field);
  if (notBefore && day < notBefore) throw badInput(`${field} 不能早于 ${notBefore} / ${field} must not be before ${notBefore}`, field);
  return day;
}
