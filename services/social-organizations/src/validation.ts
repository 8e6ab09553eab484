import {
  badInput,
  creditCodeProblem,
  isRegionCode,
  normaliseCreditCode,
  normaliseRegionCode,
  regionLevel,
  todayInChina,
} from '@district/common';
import type { OrgType } from './vocabulary';

/**
 * Checks of mutation input. Each error names the field and says what is wrong in Chinese and
 * English, so the office worker can correct the form.
 */
export function requiredText(value: string | null | undefined, field: string, label: string, max = 200): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(`${label}不能为空 / ${field} is required`, field);
  if (text.length > max) throw badInput(`${label}不能超过${max}字 / ${field} is longer than ${max} characters`, field);
  return text;
}

export function optionalText(value: string | null | undefined, field: string, label: string, max = 200): string | null {
  return value?.trim() ? requiredText(value, field, label, max) : null;
}

/** GB 32100 second character by organisation type: civil affairs (5) registers 1 社会团体, 2 民办非企业单位, 3 基金会. */
const CREDIT_CODE_PREFIX: Partial<Record<OrgType, string>> = { SOCIAL_GROUP: '51', PRIVATE_NON_ENTERPRISE: '52', FOUNDATION: '53' };

export function creditCodeProblemFor(code: string, type: OrgType): string | null {
  const prefix = CREDIT_CODE_PREFIX[type];
  if (!prefix) return '社区社会组织按备案编号登记 / a community organisation is filed with a filing number, not a credit code';
  return code.startsWith(prefix) ? null : `该类型的信用代码应以${prefix}开头 / the credit code of this type starts with ${prefix}`;
}

export function creditCodeInput(value: string, type: OrgType, field = 'creditCode'): string {
  const code = normaliseCreditCode(value);
  const problem = creditCodeProblem(code)?.reason ?? creditCodeProblemFor(code, type);
  if (problem) throw badInput(`统一社会信用代码无效：${problem} / invalid unified social credit code`, field);
  return code;
}

/** 备案编号 as this district numbers them: BA, the street's 9-digit prefix, 4 digits. */
export const FILING_NUMBER = /^BA\d{13}$/;

export function filingNumberProblem(filingNumber: string, streetCode: string): string | null {
  if (!FILING_NUMBER.test(filingNumber)) return '备案编号应为BA加13位数字 / a filing number is BA followed by 13 digits';
  if (filingNumber.slice(2, 11) !== streetCode.slice(0, 9))
    return '备案编号第3–11位应为所属街道代码前9位 / characters 3–11 must be the street code prefix';
  return null;
}

/** Organisation codes in input: credit codes and filing numbers, without spaces, upper case. */
export const orgCodeInput = (value: string) => normaliseCreditCode(value);

export function streetCodeInput(value: string, field = 'streetCode'): string {
  const code = normaliseRegionCode(value);
  if (!isRegionCode(code) || regionLevel(code) !== 'STREET')
    throw badInput(`街道（镇）代码应为以000结尾的12位区划代码 / ${field} must be a 12-digit street code ending in 000`, field);
  return code;
}

export function communityCodeInput(value: string, field = 'communityCode', streetCode?: string): string {
  const code = normaliseRegionCode(value);
  if (!isRegionCode(code) || code.length !== 12 || regionLevel(code) !== 'COMMUNITY') {
    throw badInput(`社区代码应为12位区划代码 / ${field} must be a 12-digit community code`, field);
  }
  if (streetCode && code.slice(0, 9) !== streetCode.slice(0, 9))
    throw badInput(`社区不属于该街道 / ${field} is not in street ${streetCode}`, field);
  return code;
}

export function notFuture(day: string, field: string, label: string): string {
  const today = todayInChina();
  if (day > today) throw badInput(`${label}不能晚于今天（${today}）/ ${field} is after today (${today})`, field);
  return day;
}

export function yearInput(year: number, field: string, min: number): number {
  const max = Number(todayInChina().slice(0, 4));
  if (!Number.isInteger(year) || year < min || year > max)
    throw badInput(`年度应在${min}–${max}之间 / ${field} must be between ${min} and ${max}`, field);
  return year;
}

/** How far ahead a grade-expiry question may look. */
export function monthsInput(months: number, field = 'withinMonths'): number {
  if (!Number.isInteger(months) || months < 0 || months > 120) throw badInput('月数应在0–120之间 / withinMonths must be 0–120', field);
  return months;
}
