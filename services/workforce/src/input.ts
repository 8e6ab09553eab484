import { badInput, todayInChina } from '@district/common';

/** Trimmed text of a required input field, or a BAD_USER_INPUT naming it. */
export function required(value: string | null | undefined, field: string, label: string): string {
  const v = value?.trim();
  if (!v) throw badInput(`${label}不能为空 / ${field} is required`, field);
  return v;
}

/** Records of what happened cannot be dated after today (China time). */
export function notFuture(day: string, field: string, label: string): string {
  if (day > todayInChina()) throw badInput(`${label}不能晚于今天 / ${field} cannot be in the future`, field);
  return day;
}

export const optionalText = (v: string | null | undefined) => v?.trim() || null;
